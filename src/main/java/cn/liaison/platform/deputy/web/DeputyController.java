package cn.liaison.platform.deputy.web;

import cn.liaison.platform.deputy.DeputyDirectory;
import cn.liaison.platform.identity.Roles;
import cn.liaison.platform.system.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The deputy directory (代表名录) for station staff, analysts, deputies, the congress office (代表工委) and
 * administrators; anyone else gets 403, a caller without credentials 401. Phones are masked for everyone.
 */
@RestController
@Tag(name = "人大代表", description = "代表名录：层级、专业领域、驻站情况（站长、副站长、驻站代表）；手机号只显示隐去中间四位的号码")
@SecurityRequirement(name = "basic")
@PreAuthorize(Roles.DEPUTY_DIRECTORY_READERS)
class DeputyController {

  private final DeputyDirectory directory;

  DeputyController(DeputyDirectory directory) {
    this.directory = directory;
  }

  @GetMapping("/api/deputies")
  @Operation(summary = "代表名录", description = "不带 station 时为全部代表（按用户编号）；带 station 时为该联络站的驻站代表，"
      + "站长在前，其次副站长、驻站代表。联络站不存在时返回 404。")
  List<DeputyView> list(@Parameter(description = "联络站编码，例如 cy-crane") @RequestParam(required = false)
      String station) {
    var deputies = station == null || station.isBlank() ? directory.list() : directory.atStation(station.strip());
    var codes = directory.publicCodes();
    return deputies.stream().map(d -> DeputyView.of(d, codes)).toList();
  }

  @GetMapping("/api/deputies/{userId}")
  @Operation(summary = "查看一名代表")
  DeputyView get(@PathVariable String userId) {
    var codes = directory.publicCodes();
    return directory.find(userId).map(d -> DeputyView.of(d, codes)).orElseThrow(() -> new NotFoundException("代表不存在：" + userId));
  }
}
