package cn.liaison.platform.mobile;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.campaign.CampaignProcess;
import cn.liaison.platform.campaign.CampaignService;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The workbench's login and JSON as the people who use it and those who should not: the deputy sees their own
 * households with 户编号, 村 and 户主, and completes 入户动员 through the engine; another deputy, an anonymous caller and a
 * foreign page get nothing and change nothing; a decision the rules refuse comes back per field, in Chinese.
 */
@PlatformTest
class MobileWorkbenchApiTests {

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired CampaignService campaigns;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;

  DeputyHouseholds ledger;

  @BeforeEach
  void campaignWithDeputyOnesHouseholds() {
    // see the redirects themselves (to the login, after the login)
    http = http.withRedirects(org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW);
    ledger = DeputyHouseholds.start(campaigns, runtime, management, jdbc);
  }

  @Test
  void deputySeesOwnHouseholdsWithNumberVillageAndHeadAndCompletesTheVisit() {
    String session = logIn("deputy1");
    ResponseEntity<String> list = get(session, "/m/api/tasks?q=" + ledger.prefix());
    assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(list.getHeaders().getCacheControl()).contains("no-store").contains("private");
    JsonNode body = JsonBodies.tree(list.getBody());
    assertThat(body.path("tasks")).hasSize(2);
    assertThat(body.path("counts").path("HOUSEHOLD").asInt()).isEqualTo(2);
    JsonNode first = body.path("tasks").get(0);
    assertThat(first.path("name").asText()).isEqualTo("入户动员");
    assertThat(List.of(first.path("reference").asText(), body.path("tasks").get(1).path("reference").asText()))
        .containsExactlyInAnyOrder(ledger.no(1), ledger.no(2));
    assertThat(list.getBody()).contains("东村", "王有田", "李春花").doesNotContain("赵西村", "13800001111");
    assertThat(first.path("dueText").asText()).isEqualTo("60 天后到期");

    // search by the head's name (other tests' campaigns may have a 李春花 too)
    JsonNode found = JsonBodies.tree(get(session, "/m/api/tasks?q=李春花").getBody());
    assertThat(found.path("tasks").findValuesAsText("headName")).isNotEmpty().containsOnly("李春花");
    assertThat(found.path("tasks").findValuesAsText("reference")).contains(ledger.no(2)).doesNotContain(ledger.no(1));

    Task visit = ledger.openTask(runtime, tasks, ledger.no(1));
    JsonNode open = JsonBodies.tree(get(session, "/m/api/tasks/" + visit.getId()).getBody());
    assertThat(open.path("schema").path("id").asText()).isEqualTo("household-visit");
    assertThat(open.path("variables").path("householdNo").asText()).isEqualTo(ledger.no(1));

    ResponseEntity<String> done = post(session, "/m/api/tasks/" + visit.getId() + "/complete",
        "{\"variables\":{\"visitOutcome\":\"WILLING\"}}");
    assertThat(done.getStatusCode()).as(done.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(ledger.openTask(runtime, tasks, ledger.no(1)).getTaskDefinitionKey())
        .isEqualTo(CampaignProcess.Task.SIGN_AGREEMENT);
  }

  @Test
  void refusedSigningComesBackAtTheFieldAndChangesNothing() {
    String session = logIn("deputy1");
    Task visit = ledger.openTask(runtime, tasks, ledger.no(1));
    post(session, "/m/api/tasks/" + visit.getId() + "/complete", "{\"variables\":{\"visitOutcome\":\"WILLING\"}}");
    Task sign = ledger.openTask(runtime, tasks, ledger.no(1));
    ResponseEntity<String> refused = post(session, "/m/api/tasks/" + sign.getId() + "/complete",
        "{\"variables\":{\"agreementNo\":\"LZ-XY-9\",\"signedPlots\":[\"P1\"],\"signedMu\":5}}");
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    JsonNode problem = JsonBodies.tree(refused.getBody());
    assertThat(problem.path("detail").asText()).startsWith("任务未完成，请修改后重新提交：");
    assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("signedMu");
    assertThat(problem.path("errors").get(0).path("message").asText()).contains("签约面积不能大于所选地块面积之和");
    Task still = ledger.openTask(runtime, tasks, ledger.no(1));
    assertThat(still.getId()).isEqualTo(sign.getId());
    assertThat(runtime.getVariable(still.getProcessInstanceId(), "agreementNo")).isNull();
  }

  @Test
  void anotherDeputyNeitherSeesNorCompletesDeputyOnesHousehold() {
    Task visit = ledger.openTask(runtime, tasks, ledger.no(1));
    String session = logIn("deputy2");
    assertThat(get(session, "/m/api/tasks?q=" + ledger.prefix()).getBody()).doesNotContain(ledger.no(1), "王有田");
    assertThat(get(session, "/m/api/tasks/" + visit.getId()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    ResponseEntity<String> done = post(session, "/m/api/tasks/" + visit.getId() + "/complete",
        "{\"variables\":{\"visitOutcome\":\"WILLING\"}}");
    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(done.getBody()).contains("未找到该任务").doesNotContain("王有田");
    assertThat(ledger.openTask(runtime, tasks, ledger.no(1)).getId()).isEqualTo(visit.getId());
  }

  @Test
  void nobodyLoggedInIsSentToTheLoginAndGetsNoTasks() {
    ResponseEntity<String> shell = http.getForEntity("/m/", String.class);
    assertThat(shell.getStatusCode()).isEqualTo(HttpStatus.FOUND);
    assertThat(shell.getHeaders().getLocation().getPath()).isEqualTo("/m/login");
    assertThat(http.getForEntity("/m/api/tasks", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    Task visit = ledger.openTask(runtime, tasks, ledger.no(1));
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    assertThat(http.exchange("/m/api/tasks/" + visit.getId() + "/complete", HttpMethod.POST,
        new HttpEntity<>("{\"variables\":{\"visitOutcome\":\"WILLING\"}}", json), String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(ledger.openTask(runtime, tasks, ledger.no(1)).getId()).isEqualTo(visit.getId());
  }

  @Test
  void wrongPasswordIsRefusedInChineseAndUsersWithoutTasklistCannotLogIn() {
    ResponseEntity<String> wrong = loginForm("deputy1", "nicht");
    assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(wrong.getBody()).contains("用户名或密码错误").doesNotContain("Exception");
    ResponseEntity<String> empty = loginForm("", "");
    assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(empty.getBody()).contains("请填写用户名和密码");
  }

  @Test
  void aForeignPageCannotCompleteATaskWithTheDeputysSession() {
    String session = logIn("deputy1");
    Task visit = ledger.openTask(runtime, tasks, ledger.no(1));
    HttpHeaders headers = cookie(session);
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.add(HttpHeaders.ORIGIN, "https://evil.example");
    ResponseEntity<String> forged = http.exchange("/m/api/tasks/" + visit.getId() + "/complete", HttpMethod.POST,
        new HttpEntity<>("variables=x", headers), String.class);
    assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(forged.getBody()).contains("已拒绝跨站请求");
    HttpHeaders logout = cookie(session);
    logout.add(HttpHeaders.ORIGIN, "https://evil.example");
    logout.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    assertThat(http.exchange("/m/logout", HttpMethod.POST, new HttpEntity<>("", logout), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(ledger.openTask(runtime, tasks, ledger.no(1)).getId()).isEqualTo(visit.getId());
  }

  @Test
  void logoutEndsTheSession() {
    String session = logIn("deputy1");
    HttpHeaders headers = cookie(session);
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.add(HttpHeaders.ORIGIN, http.getRootUri());
    ResponseEntity<String> out = http.exchange("/m/logout", HttpMethod.POST, new HttpEntity<>("", headers),
        String.class);
    assertThat(out.getStatusCode()).isEqualTo(HttpStatus.FOUND);
    assertThat(out.getHeaders().getLocation().toString()).endsWith("/m/login?out");
    assertThat(get(session, "/m/api/tasks").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void formJsAndTheShellAreCachedOnThePhoneAndPersonalJsonIsNot() {
    ResponseEntity<String> viewer = http.getForEntity("/m/assets/form-viewer-1.8.7.min.js", String.class);
    assertThat(viewer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(viewer.getHeaders().getCacheControl()).contains("max-age=31536000", "immutable");
    assertThat(viewer.getBody()).startsWith("var FormViewer=");
    ResponseEntity<String> worker = http.getForEntity("/m/sw.js", String.class);
    assertThat(worker.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(worker.getHeaders().getCacheControl()).isEqualTo("no-cache");
    assertThat(worker.getBody()).contains("form-viewer-1.8.7.min.js").doesNotContain("'/m/api");
    String session = logIn("deputy1");
    ResponseEntity<String> shell = get(session, "/m/");
    assertThat(shell.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(shell.getHeaders().getFirst("Content-Security-Policy")).contains("script-src 'self'");
    assertThat(shell.getBody()).contains("我的任务", "form-viewer-1.8.7.min.js").doesNotContain("张志强", "deputy1");
    ResponseEntity<String> me = get(session, "/m/api/me");
    assertThat(me.getHeaders().getCacheControl()).isEqualTo("private, no-store");
    assertThat(me.getBody()).contains("张志强");
  }

  @Test
  void signboardPrintsTheWorkbenchCodeForDeputiesOnRequest() {
    String plain = http.getForEntity("/stations/cy-crane/signboard", String.class).getBody();
    assertThat(plain).contains("加印“代表工作台”二维码").doesNotContain("<h2>代表工作台</h2>");
    String both = http.getForEntity("/stations/cy-crane/signboard?workbench", String.class).getBody();
    assertThat(both).contains("<h2>代表工作台</h2>", "/m/</p>", "扫码登录");
    assertThat(both.split("<svg", -1)).hasSize(3);
  }

  ResponseEntity<String> loginForm(String user, String password) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return http.exchange("/m/login", HttpMethod.POST,
        new HttpEntity<>("username=" + user + "&password=" + password, headers), String.class);
  }

  String logIn(String user) {
    ResponseEntity<String> login = loginForm(user, user);
    assertThat(login.getStatusCode()).as(login.getBody()).isEqualTo(HttpStatus.FOUND);
    return login.getHeaders().get(HttpHeaders.SET_COOKIE).stream().filter(c -> c.startsWith("JSESSIONID="))
        .findFirst().orElseThrow().split(";")[0].substring("JSESSIONID=".length());
  }

  HttpHeaders cookie(String session) {
    HttpHeaders headers = new HttpHeaders();
    headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + session);
    return headers;
  }

  ResponseEntity<String> get(String session, String path) {
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(cookie(session)), String.class);
  }

  ResponseEntity<String> post(String session, String path, String json) {
    HttpHeaders headers = cookie(session);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(path, HttpMethod.POST, new HttpEntity<>(json, headers), String.class);
  }
}
