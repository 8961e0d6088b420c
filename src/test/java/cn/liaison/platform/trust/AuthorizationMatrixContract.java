package cn.liaison.platform.trust;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.WebappLogin;
import cn.liaison.platform.campaign.CampaignService;
import cn.liaison.platform.opinion.OpinionLoopProcess.Task;
import cn.liaison.platform.system.RateLimiter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Who may do what: every role (a citizen without credentials and each demo user) against each sensitive
 * operation, with the HTTP status the platform must answer. The table below is the platform's security model
 * in one place; a change to it is a change of that model. Run on H2 ({@link AuthorizationMatrixTests}) and on
 * PostgreSQL ({@link AuthorizationMatrixPostgresIT}).
 *
 * <p>Where an operation reads personal data, "200" means the full phone number is shown and "403" that it is
 * not (a masked number, or no access at all).
 */
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuthorizationMatrixContract {

  /** The sensitive operations, in the order of the table's columns. */
  enum Operation {
    SET_TASK_VARIABLES("改写任务变量"),
    COMPLETE_DEPARTMENT_TASK("办理水利局的任务"),
    CLAIM_OTHER_STATIONS_TASK("认领太平镇联络站的梳理任务"),
    DEPLOY_MODEL("部署模型"),
    DEPLOY_MODEL_WITH_CODE("部署含代码的模型"),
    READ_OTHER_STATIONS_CONTACT("查看太平镇群众的联系电话"),
    CHANGE_HOUSEHOLD_DEPUTY("调整农户的包保代表"),
    DELETE_PROCESS_INSTANCE("删除流程实例"),
    MODIFY_PROCESS_INSTANCE("修改流程实例"),
    READ_HISTORY("查看办理历史"),
    RETRY_INCIDENT("重试故障"),
    CHANGE_DEPARTMENT_DIRECTORY("修改部门目录"),
    READ_DEPUTY_DIRECTORY("查看代表名录（手机号隐去中间四位）"),
    CHANGE_DEPUTY_DIRECTORY("修改代表的层级、驻站和手机号"),
    SCHEDULE_FORUM("为起重产业代表联络站安排座谈会"),
    READ_FORUM("查看起重产业代表联络站的座谈会"),
    READ_PROPOSAL("查看起重产业代表联络站站长领衔的代表建议"),
    SUPERVISE_PROPOSAL("督办承办单位超期未答复的代表建议"),
    RECORD_RECEPTION_VISIT("在太平镇流动接待中登记来访（值班代表 deputy1）"),
    READ_RECEPTION("查看太平镇的流动接待"),
    SET_GRID("设置太平镇的人大网格及其责任代表"),
    READ_PROBLEM_PHOTO("查看太平镇河滩村网格整改问题（县水利局负责）的佐证照片"),
    RAISE_PROBLEM_FROM_RECEPTION_FLAG("把太平镇接待小结中的安全隐患列为整改问题（未选整治行动：400 表示允许、内容有误）"),
    READ_PROJECT("查看太平镇的高标准农田督查项目（督查代表 deputy5）"),
    READ_AUDIT_TRAIL("查看和导出审计记录"),
    ERASE_OPINION("删除太平镇群众意见的个人信息"),
    READ_STATISTICS("查看太平镇流动联络站本年度的统计数据"),
    READ_BULLETIN("生成起重产业代表联络站的工作简报（未填结束日期：400 表示允许）"),
    EDIT_BULLETIN_TEMPLATE("修改工作简报的模板（变量名写错：400 表示允许，未保存）"),
    READ_DEPUTY_ACTIVITY("查看代表 deputy1（防腐站站长，起重站、路寨镇站驻站）的履职情况"),
    READ_SUBSIDY_BATCHES("查看路寨镇改种行动的补贴批次（一卡通发放表同权限：仅县财政局和本镇工作人员）"),
    LIST_RED_LIGHTS("列出三色督办的红灯事项（Tasklist 筛选“红灯事项”）"),
    OPEN_SUBSIDY_BATCH_PAGE("打开路寨镇改种行动的补贴批次页面（任务列表登录；与补贴批次接口同权限）"),
    WRITE_OFF_SUBSIDY("登记路寨镇农户的补贴不予发放（未填原因：400 表示允许，未登记）");

    final String label;

    Operation(String label) {
      this.label = label;
    }
  }

  static final String CITIZEN = "citizen";

  /**
   * The expected answers. Columns: the operations above, in order. 401 = must log in (auditors have no
   * Tasklist session for the staff pages); 403 = refused (for contact data: masked); 404 = not visible at all,
   * answered like an unknown record; 2xx = done; 400 = refused by the model check.
   */
  static final String MATRIX = """
      user         set  done claim deploy code contact deputy delete modify history retry directory deputies setdeputy  forum readforum  proposal  supervise  visit  reception  grid  photo  flag  project  audit  erase  stats  bulletin  template  activity  payments  redlights  batchpage  writeoff
      citizen      401  401  401   401    401  401     401    401    401    401     401   401       401      401  401   401       401  401  401  401  401  401  401  401  401    401    401       401       401  401  401  401  401  401
      demo         204  204  204   200    400  403     200    204    204    200     204   200       200      200  201   200       200  204  403  200  200  200  400  200  200    403    200       403       403  200  200  200  200  400
      staff1       403  403  403   403    403  404     404    403    403    404     403   403       200      403  201   200       200  403  403  403  403  404  403  404  403    403    403       400       400  200  404  403  404  404
      staff2       403  403  204   403    403  200     404    403    403    404     403   403       200      403  403   403       403  403  403  200  403  200  400  200  403    200    200       403       400  403  404  403  404  404
      staff3       403  403  403   403    403  404     200    403    403    404     403   403       200      403  403   403       403  403  403  403  403  404  403  404  403    403    403       403       400  200  200  403  200  400
      analyst1     403  403  403   200    400  403     403    403    403    200     403   403       200      403  201   200       200  403  403  200  403  200  400  200  403    403    200       400       403  403  404  403  404  403
      deputy1      403  403  403   403    403  404     403    403    403    404     403   403       200      403  403   403       403  403  201  200  403  404  403  404  403    403    403       403       403  200  404  403  404  403
      supervisor1  403  403  403   403    403  403     403    403    403    404     403   403       403      403  403   403       403  403  403  403  403  200  403  200  403    403    200       403       403  403  404  200  404  403
      auditor1     403  403  403   403    403  401     403    403    403    200     403   403       403      403  403   200       403  403  403  200  403  200  403  200  200    403    200       403       403  403  404  403  401  403
      office1      403  403  403   403    403  404     403    403    403    200     403   403       200      403  403   200       200  204  403  200  403  200  403  200  403    403    200       400       400  200  404  200  404  403
      water1       403  204  403   403    403  404     403    403    403    404     403   403       403      403  403   403       403  403  403  403  403  200  403  404  403    403    403       403       403  403  404  403  404  403
      finance1     403  403  403   403    403  404     403    403    403    404     403   403       403      403  403   403       403  403  403  403  403  404  403  404  403    403    403       403       403  403  200  403  200  403
      """;

  static final String PHONE = "13712348765";

  @Autowired TestRestTemplate http;
  @Autowired ManagementService management;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired RateLimiter rateLimiter;
  @Autowired CampaignService campaigns;
  @Autowired JdbcTemplate jdbc;
  @Autowired org.camunda.bpm.engine.FilterService filterService;

  /** What the operations act on; made again after an operation that succeeded changed it. */
  Fixture fixture;

  record Fixture(String waterTaskId, String waterInstanceId, String taipingTicket, String taipingSortTaskId,
      String incidentJobId, String campaignCode, String householdNo, String craneForumNo, String craneProposalNo,
      String overdueProposalTaskId, String taipingReceptionNo,
      String taipingPhotoUrl, long taipingFlagId, String taipingProjectCode) {}

  static Stream<Arguments> matrix() {
    List<String> lines = MATRIX.lines().filter(l -> !l.isBlank()).skip(1).toList();
    List<Arguments> rows = new ArrayList<>();
    for (String line : lines) {
      String[] cells = line.trim().split("\\s+");
      for (Operation op : Operation.values()) {
        rows.add(Arguments.of(cells[0], op, Integer.parseInt(cells[op.ordinal() + 1])));
      }
    }
    return rows.stream();
  }

  @BeforeEach
  void freshAllowance() {
    rateLimiter.reset();
  }

  @ParameterizedTest(name = "{0} · {1}")
  @MethodSource("matrix")
  void everyRoleGetsExactlyItsShareOfEachSensitiveOperation(String user, Operation operation, int expected) {
    if (fixture == null) {
      fixture = newFixture();
    }
    int status = perform(user, operation);
    if (status / 100 == 2 && consumes(operation)) {
      fixture = null; // that operation changed what the next row acts on
    }
    assertThat(status).as("%s · %s (%s)", user, operation.label, operation).isEqualTo(expected);
  }

  static boolean consumes(Operation operation) {
    return switch (operation) {
      case COMPLETE_DEPARTMENT_TASK, CLAIM_OTHER_STATIONS_TASK, DELETE_PROCESS_INSTANCE, MODIFY_PROCESS_INSTANCE,
          RETRY_INCIDENT, SET_TASK_VARIABLES, CHANGE_HOUSEHOLD_DEPUTY, SUPERVISE_PROPOSAL, ERASE_OPINION -> true;
      default -> false;
    };
  }

  int perform(String user, Operation operation) {
    Fixture f = fixture;
    return switch (operation) {
      case SET_TASK_VARIABLES -> post(user, "/engine-rest/task/" + f.waterTaskId() + "/variables",
          Map.of("modifications", Map.of("replyText", Map.of("value", "改写的答复"))));
      case COMPLETE_DEPARTMENT_TASK -> post(user, "/engine-rest/task/" + f.waterTaskId() + "/complete",
          Map.of("variables", Map.of("handlingAction", Map.of("value", "REPLY"), "replyResult",
              Map.of("value", "SOLVED"), "replyText", Map.of("value", "渠道已疏通，恢复灌溉。"))));
      case CLAIM_OTHER_STATIONS_TASK -> post(user, "/engine-rest/task/" + f.taipingSortTaskId() + "/claim",
          Map.of("userId", CITIZEN.equals(user) ? "nobody" : user));
      case DEPLOY_MODEL -> deploy(user, ordinaryModel());
      case DEPLOY_MODEL_WITH_CODE -> deploy(user, modelWithCode());
      case READ_OTHER_STATIONS_CONTACT -> contact(user, f.taipingTicket());
      case CHANGE_HOUSEHOLD_DEPUTY -> exchange(user, HttpMethod.PUT,
          "/api/campaigns/" + f.campaignCode() + "/households/" + f.householdNo() + "/deputy",
          Map.of("deputy", "deputy2"));
      case DELETE_PROCESS_INSTANCE -> exchange(user, HttpMethod.DELETE,
          "/engine-rest/process-instance/" + f.waterInstanceId(), null);
      case MODIFY_PROCESS_INSTANCE -> post(user, "/engine-rest/process-instance/" + f.waterInstanceId()
          + "/modification", Map.of("instructions", List.of(Map.of("type", "startBeforeActivity",
              "activityId", Task.ANALYZE))));
      case READ_HISTORY -> exchange(user, HttpMethod.GET, "/engine-rest/history/process-instance/"
          + f.waterInstanceId(), null);
      case RETRY_INCIDENT -> exchange(user, HttpMethod.PUT, "/engine-rest/job/" + f.incidentJobId() + "/retries",
          Map.of("retries", 1));
      case CHANGE_DEPARTMENT_DIRECTORY -> exchange(user, HttpMethod.PUT, "/api/admin/departments/dept-water",
          Map.of("name", "县水利局", "group", "dept-water", "channel", "INBOX", "active", true));
      case SCHEDULE_FORUM -> post(user, "/api/forums", forum());
      case READ_FORUM -> exchange(user, HttpMethod.GET, "/api/forums/" + f.craneForumNo(), null);
      case READ_PROPOSAL -> exchange(user, HttpMethod.GET, "/api/proposals/" + f.craneProposalNo(), null);
      case SUPERVISE_PROPOSAL -> post(user, "/engine-rest/task/" + f.overdueProposalTaskId() + "/complete",
          Map.of("variables", Map.of("supervisionDecision", Map.of("value", "URGE"))));
      case RECORD_RECEPTION_VISIT -> post(user, "/api/receptions/" + f.taipingReceptionNo() + "/visits",
          Map.of("visitors", 2, "topic", "秸秆离田补贴", "solvedOnSpot", false));
      case READ_RECEPTION -> exchange(user, HttpMethod.GET, "/api/receptions/" + f.taipingReceptionNo(), null);
      // as the demo data has it, so an administrator's success changes nothing for the next rows
      case SET_GRID -> exchange(user, HttpMethod.PUT, "/api/admin/grids/tp-taiping",
          Map.of("name", "太平村网格", "town", "太平镇", "deputy", "deputy5"));
      case READ_PROBLEM_PHOTO -> exchange(user, HttpMethod.GET, f.taipingPhotoUrl(), null);
      case READ_PROJECT -> exchange(user, HttpMethod.GET, "/api/projects/" + f.taipingProjectCode(), null);
      case READ_AUDIT_TRAIL -> exchange(user, HttpMethod.GET, "/api/audit", null);
      case OPEN_SUBSIDY_BATCH_PAGE -> page(user, "/staff/campaigns/" + f.campaignCode() + "/subsidy-batches");
      // no reason: those who may get the field message (400), nothing is written off for the next rows
      case WRITE_OFF_SUBSIDY -> post(user, "/api/campaigns/" + f.campaignCode() + "/households/" + f.householdNo()
          + "/subsidy-write-off", Map.of("reason", ""));
      case READ_SUBSIDY_BATCHES -> exchange(user, HttpMethod.GET,
          "/api/campaigns/" + f.campaignCode() + "/subsidy-batches", null);
      case ERASE_OPINION -> post(user, "/api/opinions/" + f.taipingTicket() + "/erasure", Map.of("reason", "群众要求删除"));
      case READ_STATISTICS -> exchange(user, HttpMethod.GET,
          "/api/statistics?from=2026-01-01&to=2026-12-31&station=yy-taiping-mobile", null);
      // no end date: those who may get the field message (400), nothing is computed
      case LIST_RED_LIGHTS -> exchange(user, HttpMethod.GET, "/engine-rest/filter/" + filterService.createFilterQuery()
          .filterName("红灯事项").singleResult().getId() + "/list", null);
      case READ_BULLETIN -> exchange(user, HttpMethod.GET, "/api/bulletins?from=2030-01-01&stations=cy-crane", null);
      // a misspelt name: those who may get the field message (400), nothing is saved for the next rows
      case EDIT_BULLETIN_TEMPLATE -> exchange(user, HttpMethod.PUT, "/api/bulletins/templates/CLOSING",
          Map.of("body", "> （{{contributer}}供稿）"));
      // no drive chosen: those who may get the field messages (400), nothing is raised for the next rows
      case RAISE_PROBLEM_FROM_RECEPTION_FLAG -> post(user, "/api/receptions/" + f.taipingReceptionNo() + "/flags/"
          + f.taipingFlagId() + "/problem", Map.of("driveCode", "", "taskNo", "", "responsiblePerson", "周股长"));
      case READ_DEPUTY_DIRECTORY -> exchange(user, HttpMethod.GET, "/api/deputies?station=cy-crane", null);
      case READ_DEPUTY_ACTIVITY -> exchange(user, HttpMethod.GET,
          "/api/deputies/deputy1/activity?from=2026-01-01&to=2026-12-31", null);
      // deputy1 as the demo data has him, so an administrator's success changes nothing for the next rows
      case CHANGE_DEPUTY_DIRECTORY -> exchange(user, HttpMethod.PUT, "/api/admin/deputies/deputy1",
          Map.of("level", "COUNTY", "sector", "防腐", "stations", List.of(
              Map.of("stationCode", "cy-anticorrosion", "role", "HEAD"),
              Map.of("stationCode", "cy-crane", "role", "MEMBER"),
              Map.of("stationCode", "yy-luzhai-rice", "role", "MEMBER"))));
    };
  }

  // ---- the fixture ----

  Fixture newFixture() {
    Scenarios scenarios = new Scenarios(http, tasks, runtime, management, campaigns, jdbc);
    // an opinion at the water bureau
    String water = scenarios.opinion("cy-crane", PHONE).ticket();
    String waterInstance = scenarios.routedToTheWaterBureau(new Scenarios.Submitted(water, null));
    management.executeJob(scenarios.handOver(waterInstance).getId());
    // an opinion of the 太平镇 mobile station waiting for its station's staff
    String taiping = scenarios.opinion("yy-taiping-mobile", PHONE).ticket();
    // a hand-over that failed: an incident an operator may retry
    String stuck = scenarios.opinion("cy-crane", PHONE).ticket();
    Job failed = scenarios.handOver(scenarios.routedToTheWaterBureau(new Scenarios.Submitted(stuck, null)));
    management.setJobRetries(failed.getId(), 0);
    // a household of 路寨镇's campaign
    String code = "LZ-MATRIX-" + Scenarios.SEQUENCE.incrementAndGet();
    String householdNo = code + "-H1";
    scenarios.campaign(code, "staff3", Map.of(householdNo, "deputy1"), Map.of(householdNo, "东村"));
    // a forum of the crane station, scheduled by its staff
    var forum = http.exchange("/api/forums", HttpMethod.POST, new HttpEntity<>(bytes(forum()), json("staff1")),
        String.class);
    assertThat(forum.getStatusCode().value()).as(forum.getBody()).isEqualTo(201);
    // a proposal led by the crane station's head, co-signed by a deputy of the station
    var proposal = http.exchange("/api/proposals", HttpMethod.POST, new HttpEntity<>(bytes(Map.of(
        "title", "关于规范长垣起重市场的建议", "reasons", "起重市场无序竞争，影响产业发展。", "content", "建议行业主管部门制定起重行业规范并定期检查。",
        "category", "SAFETY", "leadDeputy", "deputy3", "coSigners", List.of("deputy7"))), json("deputy3")),
        String.class);
    assertThat(proposal.getStatusCode().value()).as(proposal.getBody()).isEqualTo(201);
    // a proposal the water bureau did not answer in time: 督办代表建议 waits for the congress office
    var overdue = http.exchange("/api/proposals", HttpMethod.POST, new HttpEntity<>(bytes(Map.of(
        "title", "关于起重作业持证上岗的建议", "reasons", "起重作业人员持证率低，安全隐患突出。", "content", "建议每季度组织一次起重作业人员培训考核。",
        "category", "SAFETY", "leadDeputy", "deputy3", "coSigners", List.of())), json("deputy3")), String.class);
    assertThat(overdue.getStatusCode().value()).as(overdue.getBody()).isEqualTo(201);
    String overdueInstance = runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey(JsonBodies.tree(overdue.getBody()).path("proposalNo").asText()).singleResult().getId();
    tasks.complete(tasks.createTaskQuery().processInstanceId(overdueInstance).singleResult().getId(),
        Map.of("proposalReview", "ACCEPT"));
    tasks.complete(tasks.createTaskQuery().processInstanceId(overdueInstance).singleResult().getId(),
        Map.of("handlingMode", "LEAD_ASSIST", "leadUnit", "dept-water"));
    management.executeJob(management.createJobQuery().processInstanceId(overdueInstance).activityId("Timer_UnitOverdue")
        .singleResult().getId());
    String superviseTask = tasks.createTaskQuery().processInstanceId(overdueInstance)
        .taskDefinitionKey("Task_SuperviseProposal").singleResult().getId();
    // a reception session of 太平镇's mobile station with deputy1 on duty, under way (started an hour ago)
    var reception = http.exchange("/api/receptions", HttpMethod.POST, new HttpEntity<>(bytes(Map.of(
        "stationCode", "yy-taiping-mobile", "kind", "FIELD_POST", "theme", "三夏禁烧", "place", "王庄村东禁烧卡点",
        "startsAt", java.time.OffsetDateTime.now().plusHours(1).withNano(0).toString(),
        "endsAt", java.time.OffsetDateTime.now().plusHours(5).withNano(0).toString(),
        "deputiesOnDuty", List.of("deputy1"))), json("staff2")), String.class);
    assertThat(reception.getStatusCode().value()).as(reception.getBody()).isEqualTo(201);
    String receptionNo = JsonBodies.tree(reception.getBody()).path("receptionNo").asText();
    jdbc.update("UPDATE reception SET starts_at = ? WHERE reception_no = ?",
        java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(3600)), receptionNo);
    // a safety hazard flagged for 专项督办, as a summary leaves it (the session's summary comes after its end)
    jdbc.update("INSERT INTO reception_flag (reception_id, kind, description, special_supervision, created_at) "
        + "SELECT id, 'SAFETY_HAZARD', '秸秆堆放紧邻变压器', TRUE, ? FROM reception WHERE reception_no = ?",
        java.sql.Timestamp.from(java.time.Instant.now()), receptionNo);
    long flagId = jdbc.queryForObject("SELECT MAX(f.id) FROM reception_flag f JOIN reception r ON r.id = f.reception_id "
        + "WHERE r.reception_no = ?", Long.class, receptionNo);
    return new Fixture(scenarios.task(water, Task.HANDLE), waterInstance, taiping, scenarios.task(taiping, Task.SORT),
        failed.getId(), code, householdNo, JsonBodies.tree(forum.getBody()).path("forumNo").asText(),
        JsonBodies.tree(proposal.getBody()).path("proposalNo").asText(), superviseTask, receptionNo,
        scenarios.rectificationPhoto(), flagId, taipingProject());
  }

  /** A 高标准农田 project of 太平镇 supervised by deputy5, registered by the station's staff. */
  String taipingProject() {
    int n = Scenarios.SEQUENCE.incrementAndGet();
    String drive = "TP-MATRIX-" + n;
    assertThat(post("staff2", "/api/rectifications", Map.of("code", drive, "name", "高标准农田督查问题整改", "town", "太平镇",
        "deadline", "2099-12-31"))).isEqualTo(201);
    assertThat(post("staff2", "/api/rectifications/" + drive + "/tasks", Map.of("title", "施工问题整改",
        "responsibleUnit", "dept-water", "grid", "tp-hetan", "deadline", "2099-12-31"))).isEqualTo(201);
    String code = "GBZ-MATRIX-" + n;
    String due = java.time.LocalDate.now().plusDays(30).toString();
    assertThat(post("staff2", "/api/projects", Map.ofEntries(Map.entry("code", code),
        Map.entry("name", "太平镇高标准农田建设项目"), Map.entry("kind", "HIGH_STANDARD_FARMLAND"), Map.entry("town", "太平镇"),
        Map.entry("department", "dept-agriculture"), Map.entry("contractor", "县农田建设工程公司"),
        Map.entry("startsOn", due), Map.entry("endsOn", due),
        Map.entry("milestones", List.of(Map.of("name", "开工", "due", due))),
        Map.entry("supervisingDeputies", List.of("deputy5")), Map.entry("rectificationDrive", drive),
        Map.entry("rectificationTask", "RW01")))).isEqualTo(201);
    return code;
  }

  /** A forum of the crane station a week from now, with its stationed deputies. */
  static Map<String, Object> forum() {
    return Map.of("stationCode", "cy-crane", "topic", "起重产业发展座谈会", "sector", "起重",
        "startsAt", java.time.OffsetDateTime.now().plusDays(7).withNano(0).toString(), "place", "联络站会议室");
  }

  static HttpHeaders json(String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBasicAuth(user, user);
    return headers;
  }

  // ---- HTTP as each role ----

  int post(String user, String path, Object body) {
    return exchange(user, HttpMethod.POST, path, body);
  }

  int exchange(String user, HttpMethod method, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    if (body != null) {
      headers.setContentType(MediaType.APPLICATION_JSON);
    }
    if (!CITIZEN.equals(user)) {
      headers.setBasicAuth(user, user);
    }
    headers.set("X-Forwarded-For", "10.66.0." + Math.abs(user.hashCode() % 250));
    return http.exchange(path, method, new HttpEntity<>(body == null ? null : bytes(body), headers), String.class)
        .getStatusCode().value();
  }

  int deploy(String user, String bpmn) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    headers.set("X-Requested-With", "XMLHttpRequest");
    if (!CITIZEN.equals(user)) {
      headers.setBasicAuth(user, user);
    }
    headers.set("X-Forwarded-For", "10.66.0." + Math.abs(user.hashCode() % 250));
    var parts = new LinkedMultiValueMap<String, Object>();
    parts.add("deployment-name", "matrix-" + Scenarios.SEQUENCE.incrementAndGet());
    parts.add("deployment-source", "authorization matrix");
    parts.add("model.bpmn", new ByteArrayResource(bpmn.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "model.bpmn";
      }
    });
    var response = http.exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(parts, headers),
        String.class);
    if (response.getStatusCode().is2xxSuccessful()) {
      // leave nothing behind for the next rows and other tests
      try {
        String id = JsonBodies.tree(response.getBody()).path("id").asText();
        HttpHeaders admin = new HttpHeaders();
        admin.setBasicAuth("demo", "demo");
        http.exchange("/engine-rest/deployment/" + id + "?cascade=true", HttpMethod.DELETE, new HttpEntity<>(admin),
            String.class);
      } catch (Exception e) {
        throw new AssertionError(response.getBody(), e);
      }
    }
    return response.getStatusCode().value();
  }

  /** 200 when the user's staff page shows the full phone number, otherwise 403 or the page's own status. */
  int contact(String user, String ticket) {
    if (CITIZEN.equals(user)) {
      var response = http.getForEntity("/staff/opinions/" + ticket, String.class);
      return response.getStatusCode().value() == 200 ? 401 : response.getStatusCode().is3xxRedirection() ? 401
          : response.getStatusCode().value();
    }
    ResponseEntity<String> page = WebappLogin.getAs(http, user, "/staff/opinions/" + ticket);
    if (page.getStatusCode().value() == 200) {
      return page.getBody() != null && page.getBody().contains(PHONE) ? 200 : 403;
    }
    return page.getStatusCode().value();
  }

  /** A staff page's status as the user's browser gets it with the Tasklist login (a citizen: none). */
  int page(String user, String path) {
    if (CITIZEN.equals(user)) {
      return http.getForEntity(path, String.class).getStatusCode().value();
    }
    return WebappLogin.getAs(http, user, path).getStatusCode().value();
  }

  static String ordinaryModel() {
    return model("matrix-ordinary", "<bpmn:userTask id=\"Task_Check\" name=\"核对\" camunda:candidateGroups=\"analysts\" />");
  }

  static String modelWithCode() {
    return model("matrix-code", "<bpmn:serviceTask id=\"Task_Escalate\" name=\"提权\" "
        + "camunda:expression=\"${identityService.createMembership('analyst1','camunda-admin')}\" />");
  }

  static String model(String key, String element) {
    String id = element.replaceAll(".*id=\"([^\"]+)\".*", "$1");
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_%1$s"
            targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="%1$s" name="权限测试" isExecutable="true" camunda:historyTimeToLive="P30D">
            <bpmn:startEvent id="Event_Start" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="Event_Start" targetRef="%2$s" />
            %3$s
            <bpmn:sequenceFlow id="Flow_2" sourceRef="%2$s" targetRef="Event_End" />
            <bpmn:endEvent id="Event_End" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key, id, element);
  }

  static byte[] bytes(Object body) {
    return Scenarios.bytes(body);
  }
}
