package cn.liaison.platform.audit.web;

import cn.liaison.platform.audit.AuditEvent;
import cn.liaison.platform.audit.AuditFilter;
import cn.liaison.platform.audit.AuditReader;
import cn.liaison.platform.audit.AuditWorkbook;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail as JSON and .xlsx, for auditors and administrators only (anyone else 403, no credentials 401).
 * Read-only: there is no endpoint that changes or deletes an audit row.
 */
@RestController
@Tag(name = "审计记录", description = "谁查看了群众联系方式、谁修改了目录和台账、每次模型部署；以及流程引擎的操作日志")
@SecurityRequirement(name = "basic")
@PreAuthorize("hasAnyAuthority('GROUP_auditors', 'GROUP_camunda-admin')")
class AuditController {

  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private final AuditReader reader;
  private final AuditWorkbook workbook;

  AuditController(AuditReader reader, AuditWorkbook workbook) {
    this.reader = reader;
    this.workbook = workbook;
  }

  record Row(long id, Instant occurredAt, String user, String action, String actionLabel, boolean refused,
      String subjectType, String subjectTypeLabel, String subject, String station, String summary, String detail,
      String clientAddress) {

    static Row of(AuditEvent e) {
      return new Row(e.id(), e.occurredAt(), e.actor(), e.action().name(), e.actionLabel(), e.refused(),
          e.subjectKind().name(), e.subjectKind().label(), e.subjectRef(), e.stationCode(), e.summary(), e.detail(),
          e.clientAddress());
    }
  }

  record PageView(List<Row> rows, long total, int page, int pages, int pageSize,
      List<AuditReader.EngineOperation> engineOperations) {}

  @GetMapping("/api/audit")
  @Operation(summary = "审计记录", description = "from、to：日期 yyyy-MM-dd（含当天）；user：操作人用户名；action：操作类型（如 "
      + "CONTACT_VIEWED、DEPLOYMENT）；subject：对象编号（受理编号、户编号、部门编码…，可只填开头）；station：联络站编码；"
      + "page：页码（每页 50 条，最新的在前）。engineOperations：同一时间段和操作人的流程引擎操作日志（最新 50 条）。")
  PageView list(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String user, @RequestParam(required = false) String action,
      @RequestParam(required = false) String subject, @RequestParam(required = false) String station,
      @RequestParam(defaultValue = "1") int page) {
    AuditFilter filter = reader.filter(new AuditReader.Request(from, to, user, action, subject, station));
    AuditReader.Page p = reader.page(filter, page);
    return new PageView(p.rows().stream().map(Row::of).toList(), p.total(), p.page(), p.pages(),
        AuditReader.PAGE_SIZE, reader.engineOperations(filter, AuditReader.PAGE_SIZE));
  }

  @GetMapping("/api/audit/export.xlsx")
  @Operation(summary = "导出审计记录（.xlsx）", description = "筛选条件同上；最多 20000 条")
  ResponseEntity<byte[]> export(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String user,
      @RequestParam(required = false) String action, @RequestParam(required = false) String subject,
      @RequestParam(required = false) String station) {
    return xlsx(reader, workbook, new AuditReader.Request(from, to, user, action, subject, station));
  }

  static ResponseEntity<byte[]> xlsx(AuditReader reader, AuditWorkbook workbook, AuditReader.Request request) {
    List<AuditEvent> rows = reader.all(reader.filter(request));
    String period = (request.from() == null || request.from().isBlank() ? "起始" : request.from().strip()) + " 至 "
        + (request.to() == null || request.to().isBlank() ? "今" : request.to().strip());
    byte[] body = workbook.export(rows, "审计记录（" + period + "，共 " + rows.size() + " 条）");
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(XLSX))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("审计记录.xlsx", StandardCharsets.UTF_8).build().toString())
        .body(body);
  }
}
