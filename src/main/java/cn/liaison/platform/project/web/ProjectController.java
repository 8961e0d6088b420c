package cn.liaison.platform.project.web;

import cn.liaison.platform.evidence.EvidencePhoto;
import cn.liaison.platform.evidence.EvidenceService;
import cn.liaison.platform.project.Project;
import cn.liaison.platform.project.ProjectService;
import cn.liaison.platform.rectification.Caller;
import cn.liaison.platform.rectification.RectificationAccess;
import cn.liaison.platform.system.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
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
 * Project supervision (项目督查). Registering: the staff of a station of the project's town, analysts, the congress
 * office, administrators. Reading a project and its photos: those, the supervising deputies, supervisors and auditors;
 * anyone else gets 404, as for an unknown code. Photos of a milestone: its supervising deputies and the station's
 * staff. The deputies inspect and accept in Tasklist (项目督查).
 */
@RestController
@Tag(name = "项目督查", description = "登记督查项目、节点检查照片、督查进度（节点、检查、发现的问题和已销号）")
@SecurityRequirement(name = "basic")
@PreAuthorize("isAuthenticated()")
class ProjectController {

  private final ProjectService projects;
  private final EvidenceService evidence;

  ProjectController(ProjectService projects, EvidenceService evidence) {
    this.projects = projects;
    this.evidence = evidence;
  }

  record ProjectRegistered(String code) {}

  record PhotoView(long id, int milestone, String stage, String stageLabel, String contentType, int sizeBytes,
      String uploadedBy, Instant uploadedAt, String url) {}

  record ProjectDetails(ProjectService.ProjectView project, List<PhotoView> photos) {}

  @PostMapping("/api/projects")
  @Operation(summary = "登记督查项目", description = "code：项目编码；kind：HIGH_STANDARD_FARMLAND 高标准农田、IRRIGATION 水利工程、ROAD 道路建设、"
      + "OTHER 其他项目；town：乡镇；department：主管部门编码；contractor：施工单位；startsOn、endsOn：yyyy-MM-dd；milestones：[{name "
      + "如 开工、土地平整、灌排工程、田间道路、竣工验收, due}]，按日期先后；supervisingDeputies：督查代表的用户名；rectificationDrive、"
      + "rectificationTask：检查发现的问题列入的整治行动和整改任务（本乡镇联络站的）")
  ResponseEntity<ProjectRegistered> register(@RequestBody ProjectService.NewProject body, Authentication user) {
    String code = projects.register(body, RectificationAccess.caller(user));
    return ResponseEntity.created(URI.create("/api/projects/" + code)).body(new ProjectRegistered(code));
  }

  @GetMapping("/api/projects/{code}")
  @Operation(summary = "项目督查进度", description = "milestones 各节点的日期和状态；inspections 每次检查（日期、发现、走访群众、"
      + "列入整改的问题编号）；problems 发现的问题数；rectified 已整改销号数；photos 节点照片")
  ProjectDetails get(@PathVariable String code, Authentication user) {
    Project p = readable(code, user);
    List<PhotoView> photos = projects.view(p.code()).milestones().stream()
        .flatMap(m -> photos(p, m.seq()).stream()).toList();
    return new ProjectDetails(projects.view(p.code()), photos);
  }

  @PostMapping(path = "/api/projects/{code}/milestones/{seq}/photos", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(summary = "上传节点检查照片", description = "file：JPEG、PNG 或 HEIC，不超过 10 MB，按内容识别格式，去掉 GPS 位置等元数据；"
      + "stage：BEFORE、AFTER（默认）。督查代表和本站工作人员可上传，项目验收后不能再上传。脚本上传时请带请求头 X-Requested-With。")
  ResponseEntity<PhotoView> upload(@PathVariable String code, @PathVariable int seq,
      @RequestParam("file") MultipartFile file, @RequestParam(name = "stage", required = false) String stage,
      Authentication user) throws IOException {
    Project p = readable(code, user);
    if (!projects.mayAddPhoto(p, RectificationAccess.caller(user))) {
      throw new AccessDeniedException("may not add photos to project " + p.code());
    }
    Project.Milestone m = projects.milestone(p, seq);
    EvidencePhoto photo = evidence.add(ProjectService.PHOTO_SUBJECT, Long.toString(m.id()), stage, file.getBytes(),
        user.getName());
    return ResponseEntity.created(URI.create(url(p.code(), seq, photo.id()))).body(view(p.code(), seq, photo));
  }

  @GetMapping("/api/projects/{code}/milestones/{seq}/photos/{id}")
  @Operation(summary = "查看一张节点检查照片")
  ResponseEntity<byte[]> photo(@PathVariable String code, @PathVariable int seq, @PathVariable long id,
      Authentication user) {
    Project p = readable(code, user);
    var photo = evidence.read(ProjectService.PHOTO_SUBJECT, Long.toString(projects.milestone(p, seq).id()), id);
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(photo.getKey().contentType()))
        .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .header("X-Content-Type-Options", "nosniff")
        .body(photo.getValue());
  }

  /** The project if the caller may read it; otherwise as if there were none (404). */
  private Project readable(String code, Authentication user) {
    Project p = projects.require(code);
    Caller caller = RectificationAccess.caller(user);
    if (!projects.mayRead(p, caller)) {
      throw new NotFoundException("项目不存在：" + code);
    }
    return p;
  }

  private List<PhotoView> photos(Project p, int seq) {
    return evidence.of(ProjectService.PHOTO_SUBJECT, Long.toString(projects.milestone(p, seq).id())).stream()
        .map(photo -> view(p.code(), seq, photo)).toList();
  }

  static PhotoView view(String code, int seq, EvidencePhoto p) {
    return new PhotoView(p.id(), seq, p.stage().name(), p.stage().label(), p.contentType(), p.sizeBytes(),
        p.uploadedBy(), p.uploadedAt(), url(code, seq, p.id()));
  }

  static String url(String code, int seq, long id) {
    return "/api/projects/" + code + "/milestones/" + seq + "/photos/" + id;
  }
}
