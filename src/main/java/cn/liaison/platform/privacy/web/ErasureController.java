package cn.liaison.platform.privacy.web;

import cn.liaison.platform.privacy.Erasure;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** 删除个人信息 of an opinion at the citizen's request: the staff of the opinion's station only. */
@RestController
@Tag(name = "个人信息保护", description = "应群众要求删除意见的联系方式、内容和地点")
@SecurityRequirement(name = "basic")
@PreAuthorize("isAuthenticated()")
class ErasureController {

  private static final String GROUP_PREFIX = "GROUP_";

  private final Erasure erasure;

  ErasureController(Erasure erasure) {
    this.erasure = erasure;
  }

  record ErasureRequest(String reason) {}

  @PostMapping("/api/opinions/{ticketNo}/erasure")
  @Operation(summary = "删除群众个人信息",
      description = "reason：删除原因（必填，不超过 200 字，不要写入群众的姓名和电话）。删除意见的联系人、电话、意见内容和地点"
          + "（改为“（已删除）”），群众对答复的评价留言，接待登记的来访事由，以及流程引擎中这些内容的变量、历史和表单记录；"
          + "办理状态、日期、类别、评价等级保留，统计数字不变。只有该意见所属联络站的工作人员可以删除；写入审计记录。")
  @ApiResponse(responseCode = "200", description = "已删除")
  @ApiResponse(responseCode = "400", description = "未填写删除原因")
  @ApiResponse(responseCode = "403", description = "不是该意见所属联络站的工作人员")
  @ApiResponse(responseCode = "404", description = "意见不存在")
  @ApiResponse(responseCode = "409", description = "已经删除过")
  Erasure.Done erase(@PathVariable String ticketNo, @RequestBody(required = false) ErasureRequest body,
      Authentication user) {
    List<String> groups = user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .filter(a -> a.startsWith(GROUP_PREFIX)).map(a -> a.substring(GROUP_PREFIX.length())).toList();
    return erasure.eraseOpinion(ticketNo, body == null ? null : body.reason(), user.getName(), groups);
  }
}
