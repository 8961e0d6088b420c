package cn.liaison.platform.deputy.web;

import cn.liaison.platform.deputy.DeputyActivity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 代表履职档案: a deputy's figures for the deputy, the staff of the deputy's stations and the congress office. */
@RestController
@Tag(name = "人大代表", description = "代表名录与履职情况")
@SecurityRequirement(name = "basic")
class DeputyActivityController {

  private final DeputyActivity activity;

  DeputyActivityController(DeputyActivity activity) {
    this.activity = activity;
  }

  @GetMapping("/api/deputies/{userId}/activity")
  @PreAuthorize("isAuthenticated()")
  @Operation(summary = "代表履职情况", description = "期间内：通过代表码收到的意见、直接答复、转联络站、列入建议素材、"
      + "逾期自动转站的件数，首次响应时间中位数（小时），领衔和附议的代表建议，出席座谈会，流动接待值守，入户走访户数；"
      + "以及代表转交意见的部门答复。代表本人、其驻站联络站工作人员、人大常委会代表工委和管理员可查看，其他人 403。")
  DeputyActivity.Figures activity(@PathVariable String userId,
      @Parameter(description = "开始日期 yyyy-MM-dd，默认当年 1 月 1 日") @RequestParam(required = false) String from,
      @Parameter(description = "结束日期 yyyy-MM-dd（含），默认今天") @RequestParam(required = false) String to,
      Authentication user) {
    return activity.of(userId, from, to, user.getName(), groups(user));
  }

  static Set<String> groups(Authentication user) {
    return user.getAuthorities().stream().map(a -> a.getAuthority())
        .filter(a -> a.startsWith("GROUP_")).map(a -> a.substring("GROUP_".length())).collect(Collectors.toSet());
  }
}
