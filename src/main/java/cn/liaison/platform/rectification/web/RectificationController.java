package cn.liaison.platform.rectification.web;

import cn.liaison.platform.evidence.EvidencePhoto;
import cn.liaison.platform.evidence.EvidenceService;
import cn.liaison.platform.rectification.Rectification;
import cn.liaison.platform.rectification.RectificationAccess;
import cn.liaison.platform.rectification.RectificationLedgerImport;
import cn.liaison.platform.rectification.RectificationService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Rectification lists (一网四制). Drives, tasks and problems: the staff of the town's station, analysts and
 * administrators. Figures and ledger: those, supervisors, the congress office and auditors. A problem and its photos:
 * those, its responsible unit and its grid's deputy; anyone else gets 404, as for an unknown number. The unit works
 * its problems in Tasklist (整改待办), the grid's deputy verifies them there (待我核验).
 */
@RestController
@Tag(name = "一网四制整改清单", description = "整治行动、整改任务、具体问题、佐证照片、整改台账")
@SecurityRequirement(name = "basic")
@PreAuthorize("isAuthenticated()")
class RectificationController {

  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private final RectificationService rectifications;
  private final RectificationAccess access;
  private final EvidenceService evidence;
  private final RectificationLedgerImport ledgerImport;

  RectificationController(RectificationService rectifications, RectificationAccess access,
      EvidenceService evidence, RectificationLedgerImport ledgerImport) {
    this.ledgerImport = ledgerImport;
    this.rectifications = rectifications;
    this.access = access;
    this.evidence = evidence;
  }

  record DriveCreated(String code) {}

  record TaskCreated(String taskNo) {}

  record ProblemCreated(String problemNo) {}

  record PhotoView(long id, String stage, String stageLabel, String contentType, int sizeBytes, String uploadedBy,
      Instant uploadedAt, String url) {}

  record ProblemDetails(RectificationService.ProblemView problem, List<PhotoView> evidence) {}

  @PostMapping("/api/rectifications")
  @Operation(summary = "新建整治行动", description = "code：编码；name：如 群众身边不正之风和腐败问题集中整治；town：乡镇（由该乡镇联络站的工作人员"
      + "反馈和销号）；deadline：整治期限 yyyy-MM-dd")
  ResponseEntity<DriveCreated> create(@RequestBody RectificationService.NewDrive body, Authentication user) {
    String code = rectifications.createDrive(body, RectificationAccess.caller(user));
    return ResponseEntity.created(URI.create("/api/rectifications/" + code)).body(new DriveCreated(code));
  }

  @GetMapping("/api/rectifications/{code}")
  @Operation(summary = "整治行动的进度", description = "tasks 整改任务数、problems 具体问题数、rectified 已销号、overdue 超过整改期限"
      + "仍未销号；taskList 每项任务的分项数")
  RectificationService.DriveView get(@PathVariable String code, Authentication user) {
    access.requireReader(code, user);
    return rectifications.view(code);
  }

  @PostMapping("/api/rectifications/{code}/tasks")
  @Operation(summary = "登记整改任务", description = "responsibleUnit：责任单位的部门编码；grid：网格编码（其责任代表监督核验）；"
      + "deadline：yyyy-MM-dd")
  ResponseEntity<TaskCreated> addTask(@PathVariable String code, @RequestBody RectificationService.NewTask body,
      Authentication user) {
    String taskNo = rectifications.addTask(code, body, RectificationAccess.caller(user));
    return ResponseEntity.created(URI.create("/api/rectifications/" + code + "/tasks/" + taskNo))
        .body(new TaskCreated(taskNo));
  }

  @PostMapping("/api/rectifications/{code}/tasks/{taskNo}/problems")
  @Operation(summary = "登记具体问题", description = "source：RECEPTION 接待群众、HOME_VISIT 入户走访、OPINION 群众意见（分析研判时"
      + "直接列入整改，sourceRef 为受理编号，群众可在进度查询页看到整改结果）、INSPECTION 督查检查；sourceRef：受理编号、接待编号或"
      + "检查编号；foundOn、deadline：yyyy-MM-dd（deadline 不填时为任务的期限）；responsiblePerson：责任单位的责任人")
  ResponseEntity<ProblemCreated> raise(@PathVariable String code, @PathVariable String taskNo,
      @RequestBody RectificationService.NewProblem body, Authentication user) {
    String problemNo = rectifications.raiseProblem(code, taskNo, body, RectificationAccess.caller(user));
    return ResponseEntity.created(URI.create("/api/problems/" + problemNo)).body(new ProblemCreated(problemNo));
  }

  @GetMapping("/api/problems/{problemNo}")
  @Operation(summary = "查看具体问题", description = "整改措施、进展、核验、反馈、销号和佐证照片")
  ProblemDetails problem(@PathVariable String problemNo, Authentication user) {
    Rectification.Problem p = access.requireSee(problemNo, user);
    return new ProblemDetails(rectifications.problemView(problemNo), photos(p));
  }

  @PostMapping(path = "/api/problems/{problemNo}/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(summary = "上传佐证照片", description = "file：JPEG、PNG 或 HEIC，不超过 10 MB，按内容识别格式；stage：BEFORE 整改前、"
      + "AFTER 整改后（默认）。JPEG、PNG 重新编码，去掉 GPS 位置等元数据。责任单位、网格责任代表和本站工作人员可上传，问题销号后不能再上传。脚本上传时请带请求头 X-Requested-With。")
  ResponseEntity<PhotoView> upload(@PathVariable String problemNo, @RequestParam("file") MultipartFile file,
      @RequestParam(name = "stage", required = false) String stage, Authentication user) throws IOException {
    Rectification.Problem p = access.requireAddEvidence(problemNo, user);
    EvidencePhoto photo = evidence.add(RectificationAccess.SUBJECT, Long.toString(p.id()), stage, file.getBytes(),
        user.getName());
    return ResponseEntity.created(URI.create(url(problemNo, photo.id()))).body(view(problemNo, photo));
  }

  @GetMapping("/api/problems/{problemNo}/evidence/{id}")
  @Operation(summary = "查看一张佐证照片")
  ResponseEntity<byte[]> photo(@PathVariable String problemNo, @PathVariable long id, Authentication user) {
    Rectification.Problem p = access.requireSee(problemNo, user);
    var photo = evidence.read(RectificationAccess.SUBJECT, Long.toString(p.id()), id);
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(photo.getKey().contentType()))
        .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .header("X-Content-Type-Options", "nosniff")
        .body(photo.getValue());
  }

  @GetMapping("/api/rectifications/{code}/ledger.xlsx")
  @Operation(summary = "导出整改台账（Excel）", description = "工作表“汇总”（每项任务的问题数、已销号、超期）和“问题清单”（每条问题的"
      + "发现日期、责任单位和责任人、整改措施、期限、进展、核验人、状态、销号时间、照片数）")
  ResponseEntity<byte[]> ledger(@PathVariable String code, Authentication user) {
    access.requireReader(code, user);
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(XLSX))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("整改台账-" + code + ".xlsx", StandardCharsets.UTF_8).build().toString())
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(access.ledger(code));
  }

  @PostMapping(path = "/api/rectifications/{code}/ledger", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(summary = "导入整改台账（Excel）", description = "上传导出的整改台账（.xlsx），读工作表“问题清单”：问题编号留空的行是新问题"
      + "（任务编号须是本整治行动的任务，具体问题、问题来源、发现日期、责任人必填，整改期限不填时为任务的期限），随即启动整改流程；"
      + "有问题编号的行保持不变（由流程办理）。任何一行有误则整个文件不导入，返回 400，errors 中逐行逐列说明（如“第5行 发现日期”）。"
      + "脚本上传时请带请求头 X-Requested-With。")
  RectificationLedgerImport.Summary importLedger(@PathVariable String code,
      @RequestParam(name = "file", required = false) MultipartFile file, Authentication user) throws IOException {
    return ledgerImport.importLedger(code, file == null ? null : file.getBytes(), RectificationAccess.caller(user));
  }

  private List<PhotoView> photos(Rectification.Problem p) {
    return evidence.of(RectificationAccess.SUBJECT, Long.toString(p.id())).stream()
        .map(photo -> view(p.problemNo(), photo)).toList();
  }

  static PhotoView view(String problemNo, EvidencePhoto p) {
    return new PhotoView(p.id(), p.stage().name(), p.stage().label(), p.contentType(), p.sizeBytes(), p.uploadedBy(),
        p.uploadedAt(), url(problemNo, p.id()));
  }

  static String url(String problemNo, long id) {
    return "/api/problems/" + problemNo + "/evidence/" + id;
  }

}
