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
