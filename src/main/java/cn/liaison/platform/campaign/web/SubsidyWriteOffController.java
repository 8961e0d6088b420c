package cn.liaison.platform.campaign.web;

import cn.liaison.platform.campaign.SubsidyPayments;
import cn.liaison.platform.identity.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * 不予发放: the station staff of the campaign's town (or an administrator) decide that a planted household is not
 * paid its subsidy (户主已故, 农户自愿放弃补贴 …), with the reason. The campaign then no longer waits for it; its
 * sign-off ends as 不予发放, not 销号; the ledger shows it with the reason. Anyone else: 404 (CampaignAccess).
 */
@RestController
@Tag(name = "种植补贴发放")
@SecurityRequirement(name = "basic")
@PreAuthorize(Roles.STATION_STAFF_OR_ADMIN)
class SubsidyWriteOffController {

  record WriteOff(String reason) {}

  private final SubsidyPayments payments;
  private final CampaignAccess access;

  SubsidyWriteOffController(SubsidyPayments payments, CampaignAccess access) {
    this.payments = payments;
    this.access = access;
  }

  @PostMapping(path = "/api/campaigns/{code}/households/{no}/subsidy-write-off",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "登记补贴不予发放",
      description = "已确认种植、尚未发放补贴的农户（含发放失败的欠发农户），确定不再发放时登记，须说明原因（如 户主已故、农户自愿放弃补贴，留痕）。"
          + "该户的包户销号流程结束为“不予发放”（不销号），台账发放状态显示“不予发放（原因）”，改种行动不再等待该户。"
          + "该户在补贴批次中待核对或待回报结果时不能登记：请先在核对时暂缓该户，或等银行回报。")
  @ApiResponse(responseCode = "204", description = "已登记")
  @ApiResponse(responseCode = "400", description = "未说明原因")
  @ApiResponse(responseCode = "404", description = "改种行动或农户不存在")
  @ApiResponse(responseCode = "409", description = "该户已发放、已登记、尚未种植，或在批次中待发放")
  ResponseEntity<Void> writeOff(@PathVariable String code, @PathVariable String no,
      @RequestBody(required = false) WriteOff body, Authentication user) {
    access.require(code, user);
    payments.writeOff(code, no, body == null ? null : body.reason(), user.getName());
    return ResponseEntity.noContent().build();
  }
}
