package cn.liaison.platform.project;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.FullProcessCoverage;
import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.rectification.RectificationProcess;
import cn.liaison.platform.scenario.CountyScenario;
import cn.liaison.platform.scenario.RectificationDrive;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * A 高标准农田 project of 太平镇 supervised milestone by milestone through /api and /engine-rest as the demo users:
 * the 开工 inspection raises two problems that the water bureau rectifies, the grid's deputy verifies and the
 * station's staff cross off before acceptance; 竣工验收 is on track; the deputies' opinion closes the project. And as
 * an attacker: a deputy not supervising the project neither sees nor completes its inspection nor reads its photos,
 * another station's staff may not register one, and a registration with mistakes stores nothing.
 */
@PlatformTest
@FullProcessCoverage(excluding = {RectificationProcess.KEY, "opinion-loop", "rice-replanting-campaign",
    "household-sign-off", "industry-forum", "deputy-proposal", "mobile-reception"})
class ProjectSupervisionProcessTests {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  static final ZonedDateTime NOW = ZonedDateTime.of(2027, 6, 7, 9, 0, 0, 0, BEIJING);

  @Autowired TestRestTemplate http;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  /** Each test begins before the work starts. */
  @RegisterExtension final CountyScenario county = CountyScenario.eachTestAt(NOW);

  @Test
  void aMilestoneInspectionRaisesTwoProblemsThatAreRectifiedAndCrossedOffBeforeAcceptance() throws Exception {
    RectificationDrive drive = drive();
    String code = register(drive, task(drive), List.of("deputy5"));
    String pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(code)
        .processDefinitionKey(ProjectProcess.KEY).singleResult().getId();
    JsonNode registered = project("staff2", code);
    assertThat(registered.path("milestones").findValuesAsText("status")).containsExactly("PENDING", "PENDING");
    assertThat(registered.path("milestones").findValuesAsText("name")).containsExactly("开工", "竣工验收");
    // nothing to inspect before the milestone's day; each milestone waits as its own activity instance
    assertThat(inspectTasks("deputy5", code)).isEmpty();
    assertThat(management.createJobQuery().processInstanceId(pi).activityId(ProjectProcess.Event.TIMER_MILESTONE_DUE)
        .count()).isEqualTo(2);

    // 开工 is due: the supervising deputy inspects it with a photo and lists two problems
    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2027, 6, 10, 8, 0, 0, 0, BEIJING).toInstant()));
    management.executeJob(dueJob(pi).getId());
    assertThat(project("staff2", code).path("milestones").get(0).path("status").asText()).isEqualTo("DUE");
    List<String> open = inspectTasks("deputy5", code);
    assertThat(open).hasSize(1);
    ResponseEntity<String> photo = upload("deputy5", code, 1, jpeg());
    assertThat(photo.getStatusCode().value()).as(photo.getBody()).isEqualTo(201);
    String photoUrl = JsonBodies.tree(photo.getBody()).path("url").asText();

    ResponseEntity<String> refused = complete("deputy5", open.get(0), Map.of("inspectedOn", "2027-06-10",
        "findings", "已进场，土方作业开始。", "milestoneStatus", "PROBLEM"));
    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(refused.getBody()).contains("发现问题时请逐行列出问题");
    Map<String, Object> inspection = new LinkedHashMap<>();
    inspection.put("inspectedOn", "2027-06-10");
    inspection.put("findings", "已进场开工，土方作业开始，施工围挡不全。");
    inspection.put("milestoneStatus", "PROBLEM");
    inspection.put("farmersVisited", 6);
    inspection.put("farmersSaid", "希望机耕路先修通，不耽误麦收后整地。");
    inspection.put("problems", "施工便道占压南侧排水沟\n\n土方临时堆放未覆盖，扬尘大");
    ResponseEntity<String> done = complete("deputy5", open.get(0), inspection);
    assertThat(done.getStatusCode().value()).as(done.getBody()).isEqualTo(204);

    JsonNode inspected = project("deputy5", code);
    assertThat(inspected.path("milestones").get(0).path("status").asText()).isEqualTo("PROBLEM");
    assertThat(inspected.path("milestones").get(1).path("status").asText()).isEqualTo("PENDING");
    assertThat(inspected.path("problems").asInt()).isEqualTo(2);
    assertThat(inspected.path("rectified").asInt()).isZero();
    JsonNode first = inspected.path("inspections").get(0);
    assertThat(first.path("inspectionNo").asText()).isEqualTo(code + "-XC1");
    assertThat(first.path("farmersVisited").asInt()).isEqualTo(6);
    List<String> problems = new ArrayList<>();
    first.path("problems").forEach(p -> problems.add(p.asText()));
    assertThat(problems).hasSize(2);
    JsonNode problem = JsonBodies.tree(call("staff2", HttpMethod.GET, "/api/problems/" + problems.get(0), null)
        .getBody()).path("problem");
    assertThat(problem.path("source").asText()).isEqualTo("INSPECTION");
    assertThat(problem.path("sourceRef").asText()).isEqualTo(code + "-XC1");
    assertThat(problem.path("description").asText()).isEqualTo("开工：施工便道占压南侧排水沟");
    assertThat(problem.path("responsiblePerson").asText()).isEqualTo("县农田建设工程公司");

    // the water bureau rectifies both, the grid's deputy verifies, the station's staff feed back and cross off
    for (String no : problems) {
      assertThat(complete("water1", problemTask(no, RectificationProcess.Task.RECTIFY), Map.of("measures",
          "已清理便道、恢复排水沟，土方全部覆盖", "rectified", true)).getStatusCode().value()).isEqualTo(204);
      assertThat(complete("deputy2", problemTask(no, RectificationProcess.Task.VERIFY), Map.of("verification", "PASS"))
          .getStatusCode().value()).isEqualTo(204);
      assertThat(complete("staff2", problemTask(no, RectificationProcess.Task.RECORD_FEEDBACK), Map.of("feedback",
          "已在村委会公示整改情况")).getStatusCode().value()).isEqualTo(204);
      assertThat(complete("staff2", problemTask(no, RectificationProcess.Task.CLOSE), Map.of()).getStatusCode().value())
          .isEqualTo(204);
    }
    assertThat(project("staff2", code).path("rectified").asInt()).isEqualTo(2);

    // 竣工验收 is due and on track; then the deputies' opinion at acceptance closes the project
    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2027, 9, 30, 8, 0, 0, 0, BEIJING).toInstant()));
    management.executeJob(dueJob(pi).getId());
    String last = inspectTasks("deputy5", code).get(0);
    assertThat(complete("deputy5", last, Map.of("inspectedOn", "2027-09-30", "findings", "田块平整，沟渠路配套完成。",
        "milestoneStatus", "ON_TRACK")).getStatusCode().value()).isEqualTo(204);
    assertThat(project("staff2", code).path("status").asText()).isEqualTo("ACCEPTING");
    var accept = tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey(ProjectProcess.Task.ACCEPT)
        .singleResult();
    assertThat(tasks.getVariableLocal(accept.getId(), ProjectProcess.Var.FIGURES_TEXT)).asString()
        .contains("节点检查 2 次", "发现问题 2 个", "已整改销号 2 个");
    assertThat(complete("deputy5", accept.getId(), Map.of()).getStatusCode().value()).isEqualTo(400);
    assertThat(complete("deputy5", accept.getId(), Map.of("acceptanceOpinion",
        "工程按设计完成，督查发现的两个问题均已整改销号，同意验收。")).getStatusCode().value()).isEqualTo(204);

    JsonNode closed = project("staff2", code);
    assertThat(closed.path("status").asText()).isEqualTo("CLOSED");
    assertThat(closed.path("milestones").findValuesAsText("status")).containsExactly("PROBLEM", "ON_TRACK");
    assertThat(closed.path("inspections").size()).isEqualTo(2);
    assertThat(closed.path("problems").asInt()).isEqualTo(2);
    assertThat(closed.path("rectified").asInt()).isEqualTo(2);
    assertThat(closed.path("acceptedBy").asText()).isEqualTo("deputy5");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).count()).isZero();
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(pi)
        .activityId(ProjectProcess.Task.MILESTONE).count()).as("one activity instance per milestone").isEqualTo(2);
    // photos: the supervising deputy and the station's staff; after acceptance no more uploads
    assertThat(county.as("staff2").download(photoUrl).getStatusCode().value()).isEqualTo(200);
    assertThat(upload("deputy5", code, 2, jpeg()).getStatusCode().value()).isEqualTo(403);
  }

  @Test
  void theSupervisingDeputyTakesTheInspectionPhotoOnThePhoneAndItIsFiledWithTheMilestone() throws Exception {
    RectificationDrive drive = drive();
    String code = register(drive, task(drive), List.of("deputy5"));
    String pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(code)
        .processDefinitionKey(ProjectProcess.KEY).singleResult().getId();
    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2027, 6, 10, 8, 0, 0, 0, BEIJING).toInstant()));
    management.executeJob(dueJob(pi).getId());
    String inspect = inspectTasks("deputy5", code).get(0);
    Object milestoneId = tasks.getVariable(inspect, ProjectProcess.Var.MILESTONE_ID);

    // 节点检查 waits for its supervising deputies (candidate users): on deputy5's phone, with a camera
    String session = mobileLogin("deputy5");
    assertThat(mobile(session, HttpMethod.GET, "/m/api/tasks", null).getBody()).contains(inspect);
    assertThat(JsonBodies.tree(mobile(session, HttpMethod.GET, "/m/api/tasks/" + inspect + "/photos", null).getBody())
        .path("accepts").asBoolean()).isTrue();
    var parts = new LinkedMultiValueMap<String, Object>();
    parts.add("file", new ByteArrayResource(jpeg()) {
      @Override
      public String getFilename() {
        return "site.jpg";
      }
    });
    ResponseEntity<String> added = mobile(session, HttpMethod.POST, "/m/api/tasks/" + inspect + "/photos", parts);
    assertThat(added.getStatusCode().value()).as(added.getBody()).isEqualTo(201);
    long photoId = JsonBodies.tree(added.getBody()).path("id").asLong();
    // the milestone's photo, as the project's API shows it to its readers
    assertThat(http.exchange("/api/projects/" + code + "/milestones/1/photos/" + photoId, HttpMethod.GET,
        new HttpEntity<>(county.as("deputy5").headers()), byte[].class).getStatusCode().value()).isEqualTo(200);
    assertThat(milestoneId).isNotNull();

    // deputy1 supervises other projects: the phone takes nothing for this task from him
    String other = mobileLogin("deputy1");
    assertThat(mobile(other, HttpMethod.POST, "/m/api/tasks/" + inspect + "/photos", parts).getStatusCode().value())
        .isEqualTo(404);
  }

  String mobileLogin(String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> login = http.withRedirects(
        org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW)
        .exchange("/m/login", HttpMethod.POST, new HttpEntity<>("username=" + user + "&password=" + user, headers),
            String.class);
    assertThat(login.getStatusCode().value()).as(login.getBody()).isEqualTo(302);
    return login.getHeaders().get(HttpHeaders.SET_COOKIE).stream().filter(c -> c.startsWith("JSESSIONID="))
        .findFirst().orElseThrow().split(";")[0];
  }

  ResponseEntity<String> mobile(String session, HttpMethod method, String path, Object multipart) {
    HttpHeaders headers = new HttpHeaders();
    headers.add(HttpHeaders.COOKIE, session);
    headers.set("X-Requested-With", "liaison-mobile");
    if (multipart != null) {
      headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    }
    return http.exchange(path, method, new HttpEntity<>(multipart, headers), String.class);
  }

  @Test
  void aDeputyNotSupervisingTheProjectCannotInspectItNorReadItsPhotos() throws Exception {
    RectificationDrive drive = drive();
    String code = register(drive, task(drive), List.of("deputy5"));
    String pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(code)
        .processDefinitionKey(ProjectProcess.KEY).singleResult().getId();
    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2027, 6, 10, 8, 0, 0, 0, BEIJING).toInstant()));
    management.executeJob(dueJob(pi).getId());
    String inspect = inspectTasks("deputy5", code).get(0);
    String photoUrl = JsonBodies.tree(upload("deputy5", code, 1, jpeg()).getBody()).path("url").asText();

    // deputy1 supervises other projects: this one's task, project and photos are not there for him
    assertThat(inspectTasks("deputy1", code)).isEmpty();
    assertThat(complete("deputy1", inspect, Map.of("inspectedOn", "2027-06-10", "findings", "一切正常",
        "milestoneStatus", "ON_TRACK")).getStatusCode().value()).isEqualTo(403);
    assertThat(call("deputy1", HttpMethod.GET, "/api/projects/" + code, null).getStatusCode().value()).isEqualTo(404);
    assertThat(county.as("deputy1").download(photoUrl).getStatusCode().value()).isEqualTo(404);
    assertThat(upload("deputy1", code, 1, jpeg()).getStatusCode().value()).isEqualTo(404);
    // a unit reads neither; the deputy's own photo is there for him
    assertThat(county.as("water1").download(photoUrl).getStatusCode().value()).isEqualTo(404);
    assertThat(county.as("deputy5").download(photoUrl).getStatusCode().value()).isEqualTo(200);
    // an inspection dated tomorrow, or pointing the task at another milestone, is refused
    ResponseEntity<String> future = complete("deputy5", inspect, Map.of("inspectedOn", "2027-06-11", "findings", "正常",
        "milestoneStatus", "ON_TRACK"));
    assertThat(future.getStatusCode().value()).isEqualTo(400);
    assertThat(future.getBody()).contains("检查日期不能晚于今天");
    assertThat(complete("deputy5", inspect, Map.of("inspectedOn", "2027-06-10", "findings", "正常",
        "milestoneStatus", "ON_TRACK", "milestoneId", 1)).getStatusCode().value()).isEqualTo(400);
    assertThat(project("staff2", code).path("inspections").size()).isZero();
  }

  @Test
  void aRegistrationWithMistakesIsRefusedFieldByFieldAndOnlyTheTownsStaffMayRegister() {
    RectificationDrive drive = drive();
    String taskNo = task(drive);
    Map<String, Object> bad = new LinkedHashMap<>(body(drive, taskNo, List.of("deputy5", "staff2")));
    bad.put("kind", "PALACE");
    bad.put("endsOn", "2027-01-01");
    bad.put("milestones", List.of(Map.of("name", "开工", "due", "2027-06-10"), Map.of("name", "", "due", "六月")));
    String badCode = bad.get("code").toString();
    ResponseEntity<String> refused = call("staff2", HttpMethod.POST, "/api/projects", bad);
    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    JsonBodies.tree(refused.getBody()).path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertThat(fields).containsExactly("kind", "endsOn", "milestones[1].name", "milestones[1].due",
        "supervisingDeputies[1]");
    assertThat(refused.getBody()).contains("项目类型只能是", "竣工日期不能早于开工日期", "不是人大代表的用户名");
    assertThat(call("demo", HttpMethod.GET, "/api/projects/" + badCode, null).getStatusCode().value()).isEqualTo(404);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(badCode).count()).isZero();

    // the crane station's staff, a deputy, a unit: not theirs to register
    for (String user : List.of("staff1", "deputy5", "water1")) {
      assertThat(call(user, HttpMethod.POST, "/api/projects", body(drive, taskNo, List.of("deputy5")))
          .getStatusCode().value()).as(user).isEqualTo(403);
    }
    // the congress office may; a task of another drive is refused
    ResponseEntity<String> wrongTask = call("office1", HttpMethod.POST, "/api/projects",
        body(drive, "RW99", List.of("deputy5")));
    assertThat(wrongTask.getStatusCode().value()).isEqualTo(400);
    assertThat(wrongTask.getBody()).contains("整治行动中没有这项整改任务");
    assertThat(call("office1", HttpMethod.POST, "/api/projects", body(drive, taskNo, List.of("deputy5")))
        .getStatusCode().value()).isEqualTo(201);
  }

  // ---- helpers ----

  /** The registration of a project of 太平镇 from June to September 2027, its problems to the drive's task. */
  Map<String, Object> body(RectificationDrive drive, String taskNo, List<String> deputies) {
    return county.project("太平镇2027年高标准农田建设项目").runs("2027-06-10", "2027-09-30")
        .supervisedBy(deputies.toArray(String[]::new)).problemsTo(drive.code(), taskNo).body();
  }

  String register(RectificationDrive drive, String taskNo, List<String> deputies) {
    return county.project("太平镇2027年高标准农田建设项目").runs("2027-06-10", "2027-09-30")
        .supervisedBy(deputies.toArray(String[]::new)).problemsTo(drive.code(), taskNo).registeredBy("staff2");
  }

  RectificationDrive drive() {
    return county.rectificationDrive("TP-GBZ").named("高标准农田建设督查问题整改").deadline("2027-12-31")
        .launchedBy("staff2");
  }

  String task(RectificationDrive drive) {
    return drive.task("高标准农田施工问题整改", CountyScenario.WATER, "tp-hetan", "2027-12-31").taskNo();
  }

  JsonNode project(String user, String code) {
    ResponseEntity<String> r = call(user, HttpMethod.GET, "/api/projects/" + code, null);
    assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(200);
    return JsonBodies.tree(r.getBody()).path("project");
  }

  Job dueJob(String pi) {
    Job job = management.createJobQuery().processInstanceId(pi).activityId(ProjectProcess.Event.TIMER_MILESTONE_DUE)
        .orderByJobDuedate().asc().list().get(0);
    assertThat(job.getDuedate()).isBeforeOrEqualTo(ClockUtil.getCurrentTime());
    return job;
  }

  List<String> inspectTasks(String user, String code) {
    JsonNode list = JsonBodies.tree(call(user, HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey=" + code
        + "&taskDefinitionKey=" + ProjectProcess.Task.INSPECT, null).getBody());
    List<String> ids = new ArrayList<>();
    list.forEach(t -> ids.add(t.path("id").asText()));
    return ids;
  }

  String problemTask(String problemNo, String taskKey) {
    var task = tasks.createTaskQuery().processInstanceBusinessKey(problemNo).taskDefinitionKey(taskKey).singleResult();
    assertThat(task).as(taskKey + " of " + problemNo).isNotNull();
    return task.getId();
  }

  ResponseEntity<String> complete(String user, String taskId, Map<String, Object> values) {
    return county.as(user).triesToComplete(taskId, values);
  }

  ResponseEntity<String> upload(String user, String code, int milestone, byte[] bytes) {
    HttpHeaders headers = county.as(user).headers();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    headers.set("X-Requested-With", "XMLHttpRequest");
    var parts = new LinkedMultiValueMap<String, Object>();
    parts.add("file", new ByteArrayResource(bytes) {
      @Override
      public String getFilename() {
        return "site.jpg";
      }
    });
    return http.exchange("/api/projects/" + code + "/milestones/" + milestone + "/photos", HttpMethod.POST,
        new HttpEntity<>(parts, headers), String.class);
  }

  static byte[] jpeg() throws Exception {
    BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
    image.getGraphics().fillRect(4, 4, 10, 10);
    var out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", out);
    return out.toByteArray();
  }

  ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
    return county.as(user).exchange(method, path, body);
  }
}
