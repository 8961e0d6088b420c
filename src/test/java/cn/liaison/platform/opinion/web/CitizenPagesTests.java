package cn.liaison.platform.opinion.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.opinion.OpinionLoopProcess.Grade;
import cn.liaison.platform.opinion.OpinionLoopProcess.HandlingAction;
import cn.liaison.platform.opinion.OpinionLoopProcess.Route;
import cn.liaison.platform.opinion.OpinionLoopProcess.SortDecision;
import cn.liaison.platform.opinion.OpinionLoopProcess.Task;
import cn.liaison.platform.opinion.OpinionLoopProcess.Var;
import cn.liaison.platform.opinion.Rating;
import cn.liaison.platform.opinion.ReplyResult;
import cn.liaison.platform.system.RateLimiter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * 码上见代表 from the citizen's phone: the page the QR code opens, the ticket number and key shown once,
 * following the opinion with them and evaluating the answer — plain HTML forms, no JavaScript needed.
 */
@PlatformTest
class CitizenPagesTests {

  static final Pattern TICKET = Pattern.compile("YJ\\d{8}-\\d{4}");
  static final Pattern KEY = Pattern.compile("data-key=\"([0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5})\"");
  static final String CONTENT = "起重产业集聚区南门道路坑洼严重，大货车经常陷车，希望尽快修补。";

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired RateLimiter rateLimiter;
  @Autowired TaskService taskService;
  @Autowired ManagementService management;

  @BeforeEach
  void freshLimits() {
    rateLimiter.reset();
  }

  @Test
  void qrCodeOpensTheStationsFormInChinese() {
    ResponseEntity<String> page = http.getForEntity("/s/cy-crane", String.class);

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("<html lang=\"zh-CN\"").contains("name=\"viewport\"")
        .contains("长垣市起重产业代表联络站").contains("产业站")
        .contains("农田水利与灌溉").contains("惠农补贴")
        .contains("name=\"content\"").contains("name=\"place\"").contains("name=\"contactName\"")
        .contains("name=\"contactPhone\"").contains("name=\"anonymous\"").contains("name=\"consent\"")
        .contains("<details").contains("自愿留下的姓名和手机号码")
        .contains("method=\"post\"");
  }

  @Test
  void unknownOrMistypedStationSaysSoInChinese() {
    ResponseEntity<String> page = http.getForEntity("/s/no-such-station", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
    assertThat(page.getBody()).contains("该联络站不存在或已停用");

    assertThat(post("/s/no-such-station", goodOpinion()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void badInputKeepsNothingButKeepsWhatWasTyped() {
    int before = opinions();
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("category", "");
    form.add("content", "路不好走");
    form.add("place", "");
    form.add("contactName", "王先生");
    form.add("contactPhone", "12345");

    ResponseEntity<String> page = post("/s/cy-crane", form);

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(opinions()).isEqualTo(before);
    assertThat(page.getBody())
        .contains("提交未成功，请修改以下内容")
        .contains("请选择意见类别")
        .contains("请填写意见内容，至少 10 个字")
        .contains("请填写所在村（社区）或地点")
        .contains("请填写正确的 11 位手机号码")
        .contains("请阅读并同意《个人信息使用说明》")
        // what the citizen typed is still there
        .contains(">路不好走</textarea>").contains("value=\"王先生\"").contains("value=\"12345\"");
  }

  @Test
  void goodSubmissionShowsTicketAndKeyOnceAndTheKeyOpensTheProgress() {
    int before = opinions();

    ResponseEntity<String> result = post("/s/cy-crane", goodOpinion());

    assertThat(result.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(result.getHeaders().getCacheControl()).isEqualTo("no-store");
    assertThat(opinions()).isEqualTo(before + 1);
    String html = result.getBody();
    String ticket = find(TICKET.matcher(html), 0);
    String key = find(KEY.matcher(html), 1);
    assertThat(html).contains("提交成功").contains("只显示这一次").contains("截屏")
        .contains("action=\"/t/" + ticket + "\"");
    assertThat(html).as("the key never goes into a link").doesNotContainPattern("href=\"[^\"]*" + key);
    assertThat(jdbc.queryForObject("SELECT channel FROM opinion WHERE ticket_no = ?", String.class, ticket))
        .isEqualTo("QR_CODE");

    ResponseEntity<String> ask = http.getForEntity("/t/" + ticket, String.class);
    assertThat(ask.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(ask.getBody()).contains("查询码").contains("name=\"key\"");

    // the process waits at the station staff's sorting task
    ResponseEntity<String> progress = post("/t/" + ticket, Map.of("key", key.toLowerCase()));
    assertThat(progress.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(progress.getHeaders().getCacheControl()).isEqualTo("no-store");
    assertThat(progress.getBody()).contains(ticket).contains("梳理中")
        .contains("class=\"reached current\"").contains("长垣市起重产业代表联络站")
        .contains("已收到您的意见建议").contains(CONTENT)
        .doesNotContain("13612345678").doesNotContain("name=\"rating\"");
  }

  @Test
  void wrongKeyOrUnknownTicketGetTheSameAnswer() {
    ResponseEntity<String> submitted = post("/s/yy-taiping-mobile", goodOpinion());
    String ticket = find(TICKET.matcher(submitted.getBody()), 0);

    ResponseEntity<String> wrongKey = post("/t/" + ticket, Map.of("key", "AAAAA-BBBBB-CCCCC-DDDDD"));
    ResponseEntity<String> noTicket = post("/t/YJ20200101-9999", Map.of("key", "AAAAA-BBBBB-CCCCC-DDDDD"));

    for (ResponseEntity<String> page : List.of(wrongKey, noTicket)) {
      assertThat(page.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(page.getBody()).contains("受理编号或查询码不正确").doesNotContain("梳理中");
    }
  }

  @Test
  void citizenWithTicketAndKeyWrittenDownFindsTheProgressToo() {
    String html = post("/s/yy-luzhai-rice", goodOpinion()).getBody();
    String ticket = find(TICKET.matcher(html), 0);
    String key = find(KEY.matcher(html), 1);

    ResponseEntity<String> progress = post("/t", Map.of("ticketNo", " " + ticket.toLowerCase() + " ", "key", key));
    assertThat(progress.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(progress.getBody()).contains(ticket).contains("梳理中");
  }

  @Test
  void tooManySubmissionsFromOnePhoneAreRefusedKindly() throws Exception {
    int opinionsBefore = opinions();
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("content", "太短");
    for (int i = 0; i < 5; i++) {
      assertThat(post("/s/cy-anticorrosion", form).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }
    // a plain client: TestRestTemplate's Apache client would wait out Retry-After and try again by itself
    HttpResponse<String> refused = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/s/cy-anticorrosion"))
            .header("Content-Type", MediaType.APPLICATION_FORM_URLENCODED_VALUE)
            .POST(BodyPublishers.ofString("content=" + URLEncoder.encode("太短", StandardCharsets.UTF_8))).build(),
        BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(refused.statusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS.value());
    assertThat(refused.headers().firstValue(HttpHeaders.RETRY_AFTER)).hasValue("60");
    assertThat(refused.body()).contains("操作过于频繁").contains(">太短</textarea>");
    assertThat(opinions()).isEqualTo(opinionsBefore);
  }

  @Test
  void tooManyLookupsShowTheKeyPageAgainKindly() throws Exception {
    String ticket = "YJ20200101-0001";
    for (int i = 0; i < 10; i++) {
      assertThat(post("/t/" + ticket, Map.of("key", "WRONG")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }
    HttpResponse<String> refused = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/t/" + ticket))
            .header("Content-Type", MediaType.APPLICATION_FORM_URLENCODED_VALUE)
            .POST(BodyPublishers.ofString("key=WRONG")).build(),
        BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(refused.statusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS.value());
    assertThat(refused.headers().firstValue(HttpHeaders.RETRY_AFTER)).hasValue("60");
    assertThat(refused.headers().firstValue(HttpHeaders.CACHE_CONTROL)).hasValue("no-store");
    assertThat(refused.body()).contains("操作过于频繁").contains(ticket);
  }

  @Test
  void citizenEvaluatesTheDepartmentsReplyOnce() {
    String html = post("/s/yy-taiping-mobile", goodOpinion()).getBody();
    String ticket = find(TICKET.matcher(html), 0);
    String key = find(KEY.matcher(html), 1);
    String processInstanceId = jdbc.queryForObject("SELECT process_instance_id FROM opinion WHERE ticket_no = ?",
        String.class, ticket);

    complete(processInstanceId, Task.SORT, Map.of(Var.SORT_DECISION, SortDecision.CONFIRM.name(),
        Var.CATEGORY, "INDUSTRY", Var.DEPARTMENT_CODE, "dept-water", Var.GRADE, Grade.GENERAL.name(),
        Var.DEADLINE_DAYS, 5));
    complete(processInstanceId, Task.ANALYZE, Map.of(Var.ROUTE, Route.ASSIGN_DEPARTMENT.name(),
        Var.DEPARTMENT_CODE, "dept-water"));
    Job assign = management.createJobQuery().processInstanceId(processInstanceId).activityId(Task.ASSIGN)
        .singleResult();
    management.executeJob(assign.getId());
    complete(processInstanceId, Task.HANDLE, Map.of(Var.HANDLING_ACTION, HandlingAction.REPLY.name(),
        Var.REPLY_RESULT, ReplyResult.SOLVED.name(), Var.REPLY_TEXT, "已安排施工队修补路面，现已通行。",
        Var.REPLY_MEASURES, "修补坑洼 12 处"));

    ResponseEntity<String> replied = post("/t/" + ticket, Map.of("key", key));
    assertThat(replied.getBody()).contains("已答复").contains("县水利局").contains("已解决")
        .contains("已安排施工队修补路面，现已通行。").contains("修补坑洼 12 处")
        .contains("name=\"rating\"").contains("满意").contains("基本满意").contains("不满意")
        .contains("action=\"/t/" + ticket + "/evaluation\"");

    ResponseEntity<String> noChoice = post("/t/" + ticket + "/evaluation", Map.of("key", key, "comment", "还行"));
    assertThat(noChoice.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noChoice.getBody()).contains("请选择满意、基本满意或不满意").contains(">还行</textarea>");

    ResponseEntity<String> evaluated = post("/t/" + ticket + "/evaluation",
        Map.of("key", key, "rating", Rating.SATISFIED.name(), "comment", "修得很快"));
    assertThat(evaluated.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(evaluated.getBody()).contains("感谢您的评价").contains("您的评价：").contains("修得很快")
        .doesNotContain("name=\"rating\"");
    assertThat(jdbc.queryForObject("SELECT e.rating FROM opinion_evaluation e JOIN opinion o ON o.id = e.opinion_id "
        + "WHERE o.ticket_no = ?", String.class, ticket)).isEqualTo(Rating.SATISFIED.name());

    ResponseEntity<String> again = post("/t/" + ticket + "/evaluation", Map.of("key", key,
        "rating", Rating.DISSATISFIED.name()));
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(again.getBody()).contains("该答复已评价");

    ResponseEntity<String> wrongKey = post("/t/" + ticket + "/evaluation",
        Map.of("key", "AAAAA-BBBBB-CCCCC-DDDDD", "rating", Rating.DISSATISFIED.name()));
    assertThat(wrongKey.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(wrongKey.getBody()).contains("受理编号或查询码不正确");
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  private void complete(String processInstanceId, String taskKey, Map<String, Object> variables) {
    var task = taskService.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskKey)
        .singleResult();
    assertThat(task).as(taskKey).isNotNull();
    taskService.complete(task.getId(), variables);
  }

  private static MultiValueMap<String, String> goodOpinion() {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("category", "INDUSTRY");
    form.add("content", CONTENT);
    form.add("place", "长垣市起重产业集聚区南门");
    form.add("contactName", "王先生");
    form.add("contactPhone", "13612345678");
    form.add("consent", "on");
    return form;
  }

  private ResponseEntity<String> post(String url, Map<String, String> fields) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    fields.forEach(form::add);
    return post(url, form);
  }

  private ResponseEntity<String> post(String url, MultiValueMap<String, String> form) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return http.postForEntity(url, new HttpEntity<>(form, headers), String.class);
  }

  private int opinions() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM opinion", Integer.class);
  }

  private static String find(Matcher matcher, int group) {
    assertThat(matcher.find()).as("pattern " + matcher.pattern()).isTrue();
    return matcher.group(group);
  }
}
