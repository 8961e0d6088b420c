package cn.liaison.platform.campaign.web;

import cn.liaison.platform.campaign.SubsidyPayments;
import cn.liaison.platform.system.InvalidInputException;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The campaign's subsidy batches for the town's station staff and the county finance bureau: the list with its
 * totals, holding back and adjusting while 待核对, the 一卡通 upload workbook, the bank's result workbook, and the
 * correction of a household's 一卡通 account. Anyone else: 404 (CampaignAccess).
 */
@RestController
@Tag(name = "种植补贴发放", description = "补贴批次核对（暂缓、调整金额）、一卡通发放表导出、银行回盘导入、发放账户更正（联络站工作人员、县财政局）")
@SecurityRequirement(name = "basic")
@PreAuthorize("isAuthenticated()")
class SubsidyBatchController {

  record HoldBack(String reason) {}

  record Adjustment(String amount, String reason) {}

  record AccountCorrection(String accountHolder, String accountNo, String bank, String reason) {}

  private final SubsidyPayments payments;
  private final CampaignAccess access;

  SubsidyBatchController(SubsidyPayments payments, CampaignAccess access) {
    this.payments = payments;
    this.access = access;
  }

  @GetMapping("/api/campaigns/{code}/subsidy-batches")
  @Operation(summary = "补贴批次列表", description = "每批：状态（草稿、待核对、已发送、已导出、部分完成、已完成），户数、面积，"
      + "合计 = 已发放 + 发放失败 + 暂缓发放 + 待发放（元，精确到分），逐户名单。")
  @ApiResponse(responseCode = "404", description = "改种行动不存在")
  List<SubsidyPayments.BatchView> batches(@PathVariable String code, Authentication user) {
    access.requireForPayments(code, user);
    return payments.batchesOf(code);
  }

  @GetMapping("/api/campaigns/{code}/subsidy-batches/{id}")
  @Operation(summary = "补贴批次")
  @ApiResponse(responseCode = "404", description = "改种行动或批次不存在")
  SubsidyPayments.BatchView batch(@PathVariable String code, @PathVariable long id, Authentication user) {
    access.requireForPayments(code, user);
    return payments.view(code, id);
  }

  @PostMapping(path = "/api/campaigns/{code}/subsidy-batches/{id}/households/{no}/hold-back",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "暂缓发放某户", description = "只在批次待核对时；须说明原因（留痕）。该户不随本批发出，下一批次再核。")
  @ApiResponse(responseCode = "400", description = "未说明原因")
  @ApiResponse(responseCode = "409", description = "批次已不在待核对，或该户已暂缓")
  SubsidyPayments.BatchView holdBack(@PathVariable String code, @PathVariable long id, @PathVariable String no,
      @RequestBody(required = false) HoldBack body, Authentication user) {
    access.requireForPayments(code, user);
    return payments.holdBack(code, id, no, body == null ? null : body.reason());
  }

  @PostMapping("/api/campaigns/{code}/subsidy-batches/{id}/households/{no}/release")
  @Operation(summary = "恢复发放某户（撤销暂缓）", description = "只在批次待核对时。")
  SubsidyPayments.BatchView release(@PathVariable String code, @PathVariable long id, @PathVariable String no,
      Authentication user) {
    access.requireForPayments(code, user);
    return payments.release(code, id, no);
  }

  @PutMapping(path = "/api/campaigns/{code}/subsidy-batches/{id}/households/{no}/amount",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "调整某户补贴金额", description = "只在批次待核对时；{\"amount\": \"1050.00\", \"reason\": \"…\"}，"
      + "原因必填（留痕），组批时的金额保留在名单中。")
  @ApiResponse(responseCode = "400", description = "金额或原因有误")
  @ApiResponse(responseCode = "409", description = "批次已不在待核对")
  SubsidyPayments.BatchView adjust(@PathVariable String code, @PathVariable long id, @PathVariable String no,
      @RequestBody(required = false) Adjustment body, Authentication user) {
    access.requireForPayments(code, user);
    return payments.adjust(code, id, no, body == null ? null : body.amount(), body == null ? null : body.reason());
  }

  @GetMapping("/api/campaigns/{code}/subsidy-batches/{id}/payment-workbook.xlsx")
  @Operation(summary = "导出一卡通发放表（Excel）", description = "核对后的批次：逐户 户编号、村、持卡人姓名、一卡通账号、开户银行、"
      + "补贴面积、补贴金额，以及供银行回盘填写的 发放结果、发放日期、凭证号、失败原因。含个人账户信息：仅县财政局和本镇联络站工作人员可下载，"
      + "每次下载留痕。")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = LedgerController.XLSX,
      schema = @Schema(type = "string", format = "binary")))
  @ApiResponse(responseCode = "409", description = "批次尚未核对完毕")
  ResponseEntity<byte[]> paymentWorkbook(@PathVariable String code, @PathVariable long id, Authentication user) {
    access.requireForPayments(code, user);
    byte[] xlsx = payments.paymentWorkbook(code, id);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(LedgerController.XLSX))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("一卡通发放表-" + code + "-" + id + ".xlsx", StandardCharsets.UTF_8).build().toString())
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(xlsx);
  }

  @PostMapping(path = "/api/campaigns/{code}/subsidy-batches/{id}/payment-results",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(summary = "导入银行回盘（逐户发放结果）", description = "上传填好 发放结果（成功/失败）、发放日期、凭证号或失败原因的发放表。"
      + "任何一行有误则整个文件不导入，返回 400，errors 按“第N行·列名”说明；同一结果重复导入不会重复登记；一户最多发放一次。")
  @ApiResponse(responseCode = "400", description = "文件有误，未登记任何结果")
  @ApiResponse(responseCode = "409", description = "批次尚未发出")
  SubsidyPayments.ReportOutcome importResults(@PathVariable String code, @PathVariable long id,
      @Parameter(description = "银行回盘的发放结果表（.xlsx）") @RequestPart(name = "file", required = false) MultipartFile file,
      Authentication user) {
    access.requireForPayments(code, user);
    if (file == null || file.isEmpty()) {
      throw new InvalidInputException("file", "请选择银行回盘的发放结果表（.xlsx）");
    }
    try {
      return payments.importResults(code, id, file.getBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @PutMapping(path = "/api/campaigns/{code}/households/{no}/payment-account", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "登记或更正农户的一卡通发放账户", description = "{\"accountHolder\", \"accountNo\"（10–32 位数字）, \"bank\", "
      + "\"reason\"}；发放失败（如户名不符、卡已注销）后由联络站更正，包保代表与农户核实后该户进入下一批次。账户信息不返回、不记入日志和审计。")
  @ApiResponse(responseCode = "204", description = "已保存")
  @ApiResponse(responseCode = "400", description = "内容有误")
  ResponseEntity<Void> correctAccount(@PathVariable String code, @PathVariable String no,
      @RequestBody(required = false) AccountCorrection body, Authentication user) {
    access.require(code, user);
    AccountCorrection b = body == null ? new AccountCorrection(null, null, null, null) : body;
    payments.correctAccount(code, no, b.accountHolder(), b.accountNo(), b.bank(), b.reason(), user.getName());
    return ResponseEntity.noContent().build();
  }
}
