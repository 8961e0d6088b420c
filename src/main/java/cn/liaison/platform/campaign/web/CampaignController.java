package cn.liaison.platform.campaign.web;

import cn.liaison.platform.campaign.Campaign;
import cn.liaison.platform.campaign.CampaignService;
import cn.liaison.platform.campaign.Household;
import cn.liaison.platform.identity.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Campaigns (水稻改种行动) for station staff and administrators; staff work on the campaigns of their stations'
 * town only (CampaignAccess).
 */
@RestController
@Tag(name = "改种行动", description = "创建、启动改种行动，调整包保代表（联络站工作人员、管理员）")
@SecurityRequirement(name = "basic")
@PreAuthorize(Roles.STATION_STAFF_OR_ADMIN)
class CampaignController {

  private final CampaignService service;
  private final CampaignAccess access;

  CampaignController(CampaignService service, CampaignAccess access) {
    this.service = service;
    this.access = access;
  }

  record DeputyChange(String deputy) {}

  record HouseholdView(String householdNo, String village, String area, String responsibleDeputy, String status,
      String statusLabel) {
    static HouseholdView of(Household h) {
      return new HouseholdView(h.householdNo(), h.village(), h.area(), h.responsibleDeputy(), h.status().name(),
          h.status().label());
    }
  }

  @PostMapping("/api/campaigns")
  @Operation(summary = "创建改种行动", description = "phases: start 起步、signAndPlant 签约种植、wrapUp 扫尾；team: 代表包村（villages）或包片（areas）")
  ResponseEntity<Campaign> create(@RequestBody CampaignService.NewCampaign body, Authentication user) {
    access.requireTown(body.town(), user);
    Campaign c = service.create(body, user.getName());
    return ResponseEntity.created(URI.create("/api/campaigns/" + c.code())).body(c);
  }

  @GetMapping("/api/campaigns/{code}")
  @Operation(summary = "查看改种行动")
  Campaign get(@PathVariable String code, Authentication user) {
    return access.require(code, user);
  }

  @PostMapping("/api/campaigns/{code}/start")
  @Operation(summary = "启动改种行动", description = "为台账中的每一户启动包户销号流程（分批启动）")
  Campaign start(@PathVariable String code, Authentication user) {
    access.require(code, user);
    return service.start(code);
  }

  @PutMapping("/api/campaigns/{code}/households/{householdNo}/deputy")
  @Operation(summary = "调整农户的包保代表", description = "该户未完成的任务随之转给新的代表")
  HouseholdView changeDeputy(@PathVariable String code, @PathVariable String householdNo,
      @RequestBody DeputyChange body, Authentication user) {
    access.require(code, user);
    return HouseholdView.of(service.changeDeputy(code, householdNo, body.deputy()));
  }
}
