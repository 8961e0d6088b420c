package cn.liaison.platform.campaign.web;

import cn.liaison.platform.audit.AuditAction;
import cn.liaison.platform.audit.AuditSubject;
import cn.liaison.platform.audit.AuditTrail;
import cn.liaison.platform.campaign.SubsidyPayments;
import cn.liaison.platform.campaign.ledger.LedgerImport;
import cn.liaison.platform.campaign.ledger.LedgerReport;
import cn.liaison.platform.campaign.ledger.LedgerWorkbook;
import cn.liaison.platform.identity.Roles;
import cn.liaison.platform.system.InvalidInputException;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The campaign's work ledger (工作台账): import from Excel/CSV, figures as JSON, export as .xlsx. The staff of the
 * stations of the campaign's town and administrators only (CampaignAccess).
 */
@RestController
@Tag(name = "改种行动台账", description = "水稻改种工作台账：导入农户地块、台账统计、导出 Excel（联络站工作人员、管理员）")
@SecurityRequirement(name = "basic")
@PreAuthorize(Roles.STATION_STAFF_OR_ADMIN)
class LedgerController {

  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private final LedgerImport ledgerImport;
  private final LedgerReport report;
  private final LedgerWorkbook workbook;
  private final SubsidyPayments subsidyPayments;
  private final AuditTrail audit;

  private final CampaignAccess access;

  LedgerController(LedgerImport ledgerImport, LedgerReport report, LedgerWorkbook workbook, CampaignAccess access,
      AuditTrail audit, SubsidyPayments subsidyPayments) {
    this.subsidyPayments = subsidyPayments;
    this.audit = audit;
    this.access = access;
    this.ledgerImport = ledgerImport;
    this.report = report;
    this.workbook = workbook;
  }

  @PostMapping(path = "/api/campaigns/{code}/households", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(summary = "导入工作台账（每行一个地块）",
      description = "上传 .xlsx（读第一个工作表）或 CSV（UTF-8 或 GBK）。表头可用中文（户编号、户主、村、片区、电话、地块编号、面积(亩)、"
          + "地形、现种作物）或英文（household_id、head_name、village、area、phone、plot_no、plot_mu、terrain、current_crop），"
          + "顺序不限。任何一行有误则整个文件不导入，返回 400，errors 中逐行逐列说明（如“第5行 面积(亩)”）。"
          + "按户编号、地块编号新增或更新，不删除；最多 20000 行。已结束的改种行动、扫尾阶段新增农户返回 409；"
          + "进行中的改种行动随即为新增农户启动包户动员。")
  @ApiResponse(responseCode = "200", description = "导入结果")
  @ApiResponse(responseCode = "400", description = "文件有误，未导入任何数据")
  @ApiResponse(responseCode = "404", description = "改种行动不存在")
  @ApiResponse(responseCode = "409", description = "改种行动已结束，或扫尾阶段新增农户")
  LedgerImport.Summary importHouseholds(@PathVariable String code,
      @Parameter(description = "工作台账文件（.xlsx 或 .csv）") @RequestPart(name = "file", required = false)
      MultipartFile file, Authentication user) {
    access.require(code, user);
    if (file == null || file.isEmpty()) {
      throw new InvalidInputException("file", "请选择要导入的工作台账文件（.xlsx 或 .csv）");
    }
    byte[] bytes;
    try {
      bytes = file.getBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ledgerImport.importLedger(code, file.getOriginalFilename(), file.getContentType(), bytes);
  }

  @GetMapping("/api/campaigns/{code}/ledger")
  @Operation(summary = "台账统计",
      description = "按村、片区、包保代表和合计：户数、已走访、愿意改种、已签约、已种植、已拨付补贴、已销号、未改种，签约和种植面积（亩）"
          + "对照目标；暂不愿意改种的农户及原因、走访次数；subsidyArrears：补贴发放失败（欠发）的农户、金额和原因；"
          + "subsidyWrittenOff：登记为不予发放的农户、金额和原因。")
  @ApiResponse(responseCode = "404", description = "改种行动不存在")
  LedgerView ledger(@PathVariable String code, Authentication user) {
    access.require(code, user);
    return new LedgerView(report.of(code), subsidyPayments.arrears(code), subsidyPayments.writtenOff(code));
  }

  /**
   * The ledger's figures and, beside them, the households whose planting subsidy failed to arrive (欠发: village,
   * household, amount and the bank's reason) until a later batch pays them, and those written off (不予发放, with
   * the reason); the workbook shows the same per row.
   */
  record LedgerView(@JsonUnwrapped LedgerReport.Ledger ledger, List<String> subsidyArrears,
      List<String> subsidyWrittenOff) {}

  @GetMapping(path = "/api/campaigns/{code}/ledger.xlsx")
  @Operation(summary = "导出工作台账（Excel）", description = "第一个工作表“汇总”（任务、目标、时限、责任四个清单和各村、各代表合计），"
      + "其后每村一个工作表，逐户列出进度直至销号。不含电话号码。")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = XLSX,
      schema = @Schema(type = "string", format = "binary")))
  @ApiResponse(responseCode = "404", description = "改种行动不存在")
  ResponseEntity<byte[]> ledgerWorkbook(@PathVariable String code, Authentication user) {
    access.require(code, user);
    byte[] xlsx = workbook.export(code);
    audit.record(AuditAction.CONTACT_VIEWED, AuditSubject.campaign(code), null, "导出工作台账（含户主姓名）", null);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(XLSX))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("工作台账-" + code + ".xlsx", StandardCharsets.UTF_8).build().toString())
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(xlsx);
  }
}
