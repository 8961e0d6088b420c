package cn.liaison.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.WebappLogin;
import cn.liaison.platform.opinion.OpinionService;
import cn.liaison.platform.opinion.OpinionSubmission;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The audit trail as auditors use it: who viewed citizens' contact data, who changed the directories, every
 * deployment accepted or refused; read and exported by auditors and administrators only, changed by nobody.
 */
@PlatformTest
class AuditTrailTests {

  static final AtomicInteger SEQ = new AtomicInteger();
  static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

  @Autowired TestRestTemplate http;
  @Autowired OpinionService opinions;
  @Autowired JdbcTemplate jdbc;

  @Test
  void stationStaffOpeningACitizensFullContactLeavesARowWithWhoWhatAndWhere() {
    String ticket = opinionWithPhone();
    assertThat(WebappLogin.getAs(http, "staff1", "/staff/opinions/" + ticket).getBody()).contains("13912345678");
    // an analyst sees it masked: not a view of contact data
    WebappLogin.getAs(http, "analyst1", "/staff/opinions/" + ticket);

    List<Map<String, Object>> rows = rows("auditor1", "subject=" + ticket);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0)).containsEntry("user", "staff1").containsEntry("action", "CONTACT_VIEWED")
        .containsEntry("actionLabel", "查看联系方式").containsEntry("station", "cy-anticorrosion")
        .containsEntry("subjectTypeLabel", "意见建议");
    assertThat(rows.get(0).get("clientAddress")).isNotNull();
    assertThat(rows.toString()).doesNotContain("13912345678", "李先生");
  }

  @Test
  void aDepartmentChangeShowsOldAndNewValuesAndNeverTheSecret() {
    String code = "dept-audit-" + SEQ.incrementAndGet();
    assertThat(saveDepartment(code, "县审计测试局", null).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(saveDepartment(code, "县审计测试中心", "a-signing-secret-of-32-characters").getStatusCode())
        .isEqualTo(HttpStatus.OK);

    List<Map<String, Object>> rows = rows("demo", "subject=" + code + "&action=DEPARTMENT_SAVED");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).containsEntry("user", "demo").containsEntry("summary", "修改承办部门“县审计测试中心”");
    assertThat((String) rows.get(0).get("detail")).contains("名称：县审计测试局 → 县审计测试中心", "签名密钥已修改")
        .doesNotContain("a-signing-secret");
    assertThat(rows.get(1).get("summary")).isEqualTo("新增承办部门“县审计测试局”");
  }

  @Test
  void aRefusedChangeLeavesNoRow() {
    String code = "dept-refused-" + SEQ.incrementAndGet();
    ResponseEntity<String> refused = http.withBasicAuth("demo", "demo").exchange("/api/admin/departments/" + code,
        HttpMethod.PUT, JsonBodies.json(Map.of("name", "", "channel", "INBOX")), String.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(rows("auditor1", "subject=" + code)).isEmpty();
  }

  @Test
  void aDeputysNewPhoneIsRecordedAsChangedWithoutTheNumber() {
    var deputy = http.withBasicAuth("demo", "demo").exchange("/api/deputies/deputy7", HttpMethod.GET, null, JSON)
        .getBody();
    String phone = jdbc.queryForObject("SELECT phone FROM deputy WHERE user_id = 'deputy7'", String.class);
    try {
      ResponseEntity<String> saved = saveDeputy7(deputy, "1390000" + (1000 + SEQ.incrementAndGet()));
      assertThat(saved.getStatusCode()).as(saved.getBody()).isEqualTo(HttpStatus.OK);
      List<Map<String, Object>> rows = rows("auditor1", "subject=deputy7&action=DEPUTY_SAVED&user=demo");
      assertThat(rows).isNotEmpty();
      assertThat((String) rows.get(0).get("detail")).isEqualTo("手机号已修改");
    } finally {
      saveDeputy7(deputy, phone); // the other tests share the demo deputies
    }
  }

  ResponseEntity<String> saveDeputy7(Map<String, Object> deputy, String phone) {
    return http.withBasicAuth("demo", "demo").exchange("/api/admin/deputies/deputy7", HttpMethod.PUT,
        JsonBodies.json(Map.of("level", deputy.get("level"), "sector", deputy.get("sector"), "phone", phone,
            "stations", stationsOf(deputy))), String.class);
  }

  @Test
  void everyDeploymentIsRecordedAcceptedOrRefusedWithItsResources() {
    String name = "audit-deploy-" + SEQ.incrementAndGet();
    assertThat(deploy("analyst1", name, "audit-ok-" + SEQ.get(),
        "<bpmn:userTask id=\"Task_Check\" name=\"核对\" camunda:candidateGroups=\"analysts\" />").getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(deploy("analyst1", name + "-code", "audit-code-" + SEQ.get(), "<bpmn:serviceTask id=\"Task_Escalate\" "
        + "name=\"提权\" camunda:expression=\"${identityService.createMembership('analyst1','camunda-admin')}\" />")
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

    List<Map<String, Object>> rows = rows("auditor1", "action=DEPLOYMENT&user=analyst1");
    assertThat(rows).anySatisfy(r -> {
      assertThat(r).containsEntry("refused", false).containsEntry("summary", "部署已接受：" + name);
      assertThat((String) r.get("detail")).contains("model.bpmn");
    });
    assertThat(rows).anySatisfy(r -> {
      assertThat(r).containsEntry("refused", true).containsEntry("actionLabel", "部署流程模型（被拒绝）")
          .containsEntry("subject", name + "-code");
      assertThat((String) r.get("detail")).startsWith("资源：model.bpmn；原因：模型未通过平台的安全检查")
          .contains("Task_Escalate").doesNotContain("ENGINE-");
    });
  }

  @Test
  void auditorsExportTheFilteredRowsAsAWorkbook() throws Exception {
    String ticket = opinionWithPhone();
    WebappLogin.getAs(http, "staff1", "/staff/opinions/" + ticket);
    ResponseEntity<byte[]> file = http.withBasicAuth("auditor1", "auditor1").getForEntity(
        "/api/audit/export.xlsx?subject=" + ticket, byte[].class);
    assertThat(file.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(file.getHeaders().getContentDisposition().getFilename()).isEqualTo("审计记录.xlsx");
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file.getBody()))) {
      Sheet sheet = book.getSheet("审计记录");
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).contains("共 1 条");
      assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("时间");
      Row row = sheet.getRow(2);
      assertThat(row.getCell(1).getStringCellValue()).isEqualTo("staff1");
      assertThat(row.getCell(2).getStringCellValue()).isEqualTo("查看联系方式");
      assertThat(row.getCell(3).getStringCellValue()).isEqualTo("意见建议 " + ticket);
      assertThat(sheet.getLastRowNum()).isEqualTo(2);
    }
  }

  @Test
  void theAuditPageShowsTheTrailAndCamundasOperationLogToAuditorsOnly() {
    String ticket = opinionWithPhone();
    WebappLogin.getAs(http, "staff1", "/staff/opinions/" + ticket);
    ResponseEntity<String> page = inCockpit("auditor1", "/staff/audit?subject=" + ticket);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("审计记录", "查看联系方式", "staff1", ticket, "流程引擎操作日志", "导出 Excel");
    assertThat(inCockpit("demo", "/staff/audit").getStatusCode()).isEqualTo(HttpStatus.OK);
    ResponseEntity<String> staff = WebappLogin.getAs(http, "staff1", "/staff/audit?subject=" + ticket);
    assertThat(staff.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(staff.getBody()).contains("审计记录仅供审计监督人员和管理员查看").doesNotContain(ticket + "</td>");
    assertThat(WebappLogin.getAs(http, "staff1", "/staff/audit/export.xlsx").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.getForEntity("/staff/audit", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    ResponseEntity<String> bad = inCockpit("auditor1", "/staff/audit?from=2026-02-30");
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody()).contains("日期格式应为 yyyy-MM-dd");
  }

  @Test
  void camundasUserOperationLogIsShownBesideThePlatformsRows() {
    String ticket = opinionWithPhone();
    String taskId = http.withBasicAuth("staff1", "staff1").exchange("/engine-rest/task?processInstanceBusinessKey="
        + ticket, HttpMethod.GET, null, new ParameterizedTypeReference<List<Map<String, Object>>>() {}).getBody()
        .get(0).get("id").toString();
    assertThat(http.withBasicAuth("staff1", "staff1").exchange("/engine-rest/task/" + taskId + "/claim",
        HttpMethod.POST, JsonBodies.json(Map.of("userId", "staff1")), String.class).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    var body = http.withBasicAuth("auditor1", "auditor1").exchange("/api/audit?subject=" + ticket, HttpMethod.GET,
        null, JSON).getBody();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> operations = (List<Map<String, Object>>) body.get("engineOperations");
    assertThat(operations).anySatisfy(o -> assertThat(o).containsEntry("user", "staff1")
        .containsEntry("operation", "认领").containsEntry("businessKey", ticket));
  }

  @Test
  void stationStaffCitizensAndEveryoneElseCannotReadTheTrail() {
    for (String user : List.of("staff1", "staff2", "analyst1", "supervisor1", "office1", "deputy1", "water1")) {
      assertThat(http.withBasicAuth(user, user).getForEntity("/api/audit", String.class).getStatusCode())
          .as(user).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(http.withBasicAuth(user, user).getForEntity("/api/audit/export.xlsx", String.class)
          .getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(http.getForEntity("/api/audit", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void noEndpointChangesOrDeletesAnAuditRow() {
    String ticket = opinionWithPhone();
    WebappLogin.getAs(http, "staff1", "/staff/opinions/" + ticket);
    Map<String, Object> row = rows("demo", "subject=" + ticket).get(0);
    Object id = row.get("id");
    for (HttpMethod method : List.of(HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.POST)) {
      for (String path : List.of("/api/audit", "/api/audit/" + id, "/api/admin/audit/" + id, "/staff/audit")) {
        ResponseEntity<String> answer = http.withBasicAuth("demo", "demo").exchange(path, method,
            JsonBodies.json(Map.of("user", "nobody", "summary", "改写")), String.class);
        assertThat(answer.getStatusCode().is2xxSuccessful()).as(method + " " + path).isFalse();
      }
    }
    assertThat(rows("demo", "subject=" + ticket)).containsExactly(row);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE subject_ref = ?", Long.class, ticket))
        .isOne();
  }

  @Test
  void aFilterThatDoesNotParseIsAnsweredWithAChineseFieldMessage() {
    ResponseEntity<String> answer = http.withBasicAuth("auditor1", "auditor1").getForEntity(
        "/api/audit?from=2026-13-01&action=NOTHING&page=0", String.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody()).contains("日期格式应为 yyyy-MM-dd", "操作类型不正确").doesNotContain("Exception");
  }

  /** GET a page with the session of the user logged into Cockpit (auditors have no Tasklist). */
  ResponseEntity<String> inCockpit(String user, String path) {
    WebappLogin.Login login = WebappLogin.login(http, user, "cockpit");
    HttpHeaders headers = new HttpHeaders();
    headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + login.sessionId());
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }

  String opinionWithPhone() {
    return opinions.submit(new OpinionSubmission("cy-anticorrosion", "INDUSTRY",
        "防腐企业用电负荷大，希望协调电力扩容（审计测试）。", "长垣市防腐产业园", "李先生", "13912345678", false, true, null), null)
        .ticketNo();
  }

  ResponseEntity<String> saveDepartment(String code, String name, String secret) {
    // inactive: the other tests share the directory and list its active departments
    Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "group", code, "channel", "INBOX",
        "active", false));
    if (secret != null) {
      body.put("secret", secret);
    }
    return http.withBasicAuth("demo", "demo").exchange("/api/admin/departments/" + code, HttpMethod.PUT,
        JsonBodies.json(body), String.class);
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> rows(String user, String query) {
    ResponseEntity<Map<String, Object>> answer = http.withBasicAuth(user, user).exchange("/api/audit?" + query,
        HttpMethod.GET, null, JSON);
    assertThat(answer.getStatusCode()).as(String.valueOf(answer.getBody())).isEqualTo(HttpStatus.OK);
    return (List<Map<String, Object>>) answer.getBody().get("rows");
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> stationsOf(Map<String, Object> deputy) {
    return ((List<Map<String, Object>>) deputy.get("stations")).stream()
        .map(s -> Map.<String, Object>of("stationCode", s.get("stationCode"), "role", s.get("role"))).toList();
  }

  ResponseEntity<String> deploy(String user, String name, String key, String element) {
    String id = element.replaceAll(".*id=\"([^\"]+)\".*", "$1");
    String bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_%1$s"
            targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="%1$s" name="审计测试" isExecutable="true" camunda:historyTimeToLive="P30D">
            <bpmn:startEvent id="Event_Start" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="Event_Start" targetRef="%2$s" />
            %3$s
            <bpmn:sequenceFlow id="Flow_2" sourceRef="%2$s" targetRef="Event_End" />
            <bpmn:endEvent id="Event_End" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key, id, element);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    headers.set("X-Requested-With", "XMLHttpRequest");
    headers.setBasicAuth(user, user);
    var parts = new LinkedMultiValueMap<String, Object>();
    parts.add("deployment-name", name);
    parts.add("deployment-source", "audit test");
    parts.add("model.bpmn", new ByteArrayResource(bpmn.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "model.bpmn";
      }
    });
    return http.exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(parts, headers),
        String.class);
  }
}
