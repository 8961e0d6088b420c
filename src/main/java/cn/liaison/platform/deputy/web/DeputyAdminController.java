package cn.liaison.platform.deputy.web;

import cn.liaison.platform.deputy.DeputyDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Administrators keep the deputy directory: /api/admin/** is for group camunda-admin only. */
@RestController
@Tag(name = "代表名录管理", description = "仅管理员（camunda-admin）可用")
@SecurityRequirement(name = "basic")
class DeputyAdminController {

  private final DeputyDirectory directory;

  DeputyAdminController(DeputyDirectory directory) {
    this.directory = directory;
  }

  @PutMapping("/api/admin/deputies/{userId}")
  @Operation(summary = "设置代表的层级、专业领域、手机号和驻站情况",
      description = "用户须已在用户管理中创建并加入“人大代表”组（deputies）。level: NATIONAL | PROVINCIAL | CITY | COUNTY | "
          + "TOWNSHIP；stations: [{stationCode, role}]，role: HEAD 站长 | DEPUTY_HEAD 副站长 | MEMBER 驻站代表，为该代表的全部驻站，"
          + "不驻站时填 []。一个联络站只能有一名站长（否则 409）。phone 只写不读，不传则保留原号码；name 不传则不改姓名。"
          + "有任何一项不对时返回 400 并逐项说明，什么也不改。")
  DeputyView save(@PathVariable String userId, @RequestBody DeputyDirectory.Change change, Authentication user) {
    return DeputyView.of(directory.save(userId, change, user.getName()), directory.publicCodes());
  }
}
