package cn.liaison.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Starting the platform as an operator does: on a file database, stopped and started again. */
class PlatformRestartTests {

  @TempDir Path dataDir;

  @Test
  void restartKeepsTheDataAndDeploysNoNewVersions() throws Exception {
    String db = "jdbc:h2:file:" + dataDir.resolve("liaison").toAbsolutePath();
    Snapshot first;
    try (var app = start("--spring.datasource.url=" + db, "--camunda.bpm.job-execution.enabled=true")) {
      first = Snapshot.of(app);
      String health = get(app, "/actuator/health");
      assertThat(health).contains("\"jobExecutor\":{\"status\":\"UP\"}", "\"db\":{\"status\":\"UP\"}");
    }
    assertThat(first.definitions()).isNotEmpty().allSatisfy(d -> assertThat(d).endsWith(":1"));
    try (var app = start("--spring.datasource.url=" + db)) {
      Snapshot second = Snapshot.of(app);
      assertThat(second).isEqualTo(first);
    }
  }

  @Test
  void productionInstallationRefusesToStartWithoutAdministratorPassword() {
    String db = "jdbc:h2:file:" + dataDir.resolve("prod").toAbsolutePath();
    assertThatThrownBy(() -> start("--spring.datasource.url=" + db, "--liaison.demo.enabled=false").close())
        .hasStackTraceContaining("LIAISON_ADMIN_PASSWORD");
  }

  @Test
  void productionInstallationHasItsAdministratorAndNoDemoUsers() {
    String db = "jdbc:h2:file:" + dataDir.resolve("prod2").toAbsolutePath();
    try (var app = start("--spring.datasource.url=" + db, "--liaison.demo.enabled=false",
        "--liaison.admin.user-id=chief", "--liaison.admin.password=s3cret-Pass")) {
      var identity = app.getBean(ProcessEngine.class).getIdentityService();
      assertThat(identity.checkPassword("chief", "s3cret-Pass")).isTrue();
      assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").list()).extracting("id")
          .containsExactly("chief");
      assertThat(identity.createUserQuery().userId("demo").count()).isZero();
      assertThat(identity.createUserQuery().userId("staff1").count()).isZero();
      assertThat(identity.createGroupQuery().groupId("dept-water").count()).isOne();
    }
  }

  @Test
  void turningDemoDataOffRemovesTheDemoUsersAndRefusesDepartmentSecretsWithoutAKey() throws Exception {
    String db = "jdbc:h2:file:" + dataDir.resolve("was-demo").toAbsolutePath();
    // application.yaml's default: demo data because the database is an embedded H2 file
    try (var app = start("--spring.datasource.url=" + db, "--liaison.demo.enabled=auto")) {
      assertThat(app.getEnvironment().getProperty("liaison.demo.enabled")).isEqualTo("true");
      var identity = app.getBean(ProcessEngine.class).getIdentityService();
      assertThat(identity.createUserQuery().userIdIn("demo", "staff1", "staff2", "staff3").count()).isEqualTo(4);
      assertThat(identity.createUserQuery().memberOfGroup("station-staff-cy-crane").list()).extracting("id")
          .containsExactly("staff1");
      // the demo deputies with their (made-up) phones and stations, and the congress office's demo user
      var jdbc = app.getBean(JdbcTemplate.class);
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM deputy", Integer.class)).isEqualTo(7);
      assertThat(jdbc.queryForObject("SELECT deputy_user_id FROM station_deputy WHERE station_code = 'cy-crane' "
          + "AND role = 'HEAD'", String.class)).isEqualTo("deputy3");
      assertThat(identity.createUserQuery().userIdIn("office1").memberOfGroup("congress-office").count()).isOne();
    }
    try (var app = start("--spring.datasource.url=" + db, "--liaison.demo.enabled=false",
        "--liaison.admin.user-id=chief", "--liaison.admin.password=s3cret-Pass")) {
      var identity = app.getBean(ProcessEngine.class).getIdentityService();
      assertThat(identity.createUserQuery().userIdIn("demo", "staff1", "staff2", "staff3", "analyst1", "water1",
          "deputy1", "deputy7", "office1").count()).isZero();
      // nor do the demo deputies' details and stations stay behind
      var jdbc = app.getBean(JdbcTemplate.class);
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM deputy", Integer.class)).isZero();
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM station_deputy", Integer.class)).isZero();
      assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").list()).extracting("id")
          .containsExactly("chief");
      // the stations and their staff groups are real data and stay
      assertThat(identity.createGroupQuery().groupId("station-staff-cy-crane").count()).isOne();

      // no development key outside demo mode: a department secret is refused, nothing is stored
      var withSecret = put(app, "/api/admin/departments/dept-irrigation", "chief:s3cret-Pass", """
          {"name": "县灌区管理所", "channel": "HTTP", "endpoint": "https://irrigation.example.cn/api/items",
           "secret": "irrigation-secret-0001"}""");
      assertThat(withSecret.statusCode()).isEqualTo(400);
      assertThat(withSecret.body()).contains("LIAISON_SECRET_KEY", "secret");
      assertThat(get(app, "/api/admin/departments/dept-irrigation", "chief:s3cret-Pass")).contains("未找到");
      // the directory itself still works
      var inbox = put(app, "/api/admin/departments/dept-irrigation", "chief:s3cret-Pass", """
          {"name": "县灌区管理所", "channel": "INBOX"}""");
      assertThat(inbox.statusCode()).isEqualTo(200);
      assertThat(inbox.body()).contains("\"hasSecret\":false");
    }
  }

  static HttpResponse<String> put(ConfigurableApplicationContext app, String path, String credentials, String json)
      throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(app, path))
        .header("Authorization", basic(credentials)).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String get(ConfigurableApplicationContext app, String path, String credentials) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(app, path))
        .header("Authorization", basic(credentials)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  static URI uri(ConfigurableApplicationContext app, String path) {
    return URI.create("http://localhost:" + app.getEnvironment().getProperty("local.server.port") + path);
  }

  static String basic(String credentials) {
    return "Basic " + java.util.Base64.getEncoder().encodeToString(
        credentials.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static ConfigurableApplicationContext start(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "--server.port=0";
    System.arraycopy(args, 0, all, 1, args.length);
    return new SpringApplicationBuilder(LiaisonPlatformApplication.class).profiles("test").run(all);
  }

  static String get(ConfigurableApplicationContext app, String path) throws Exception {
    String port = app.getEnvironment().getProperty("local.server.port");
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** What must survive a restart unchanged. */
  record Snapshot(long deployments, List<String> definitions, long users, long groups, long filters,
      long authorizations) {
    static Snapshot of(ConfigurableApplicationContext app) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      return new Snapshot(engine.getRepositoryService().createDeploymentQuery().count(),
          engine.getRepositoryService().createProcessDefinitionQuery().orderByProcessDefinitionKey().asc().list()
              .stream().map(ProcessDefinition::getKey).map(k -> k + ":" + engine.getRepositoryService()
                  .createProcessDefinitionQuery().processDefinitionKey(k).latestVersion().singleResult().getVersion())
              .toList(),
          engine.getIdentityService().createUserQuery().count(),
          engine.getIdentityService().createGroupQuery().count(),
          engine.getFilterService().createFilterQuery().count(),
          engine.getAuthorizationService().createAuthorizationQuery().count());
    }
  }
}
