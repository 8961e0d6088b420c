package cn.liaison.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Docker cannot run on the build machines, so docker-compose.yml is checked as text: the services, the
 * two application replicas, health checks, and that every variable handed to the application is one it reads.
 */
class DockerComposeTests {

  @SuppressWarnings("unchecked")
  final Map<String, Object> compose = new Yaml().load(read("docker-compose.yml"));

  @SuppressWarnings("unchecked")
  Map<String, Object> service(String name) {
    return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
  }

  @SuppressWarnings("unchecked")
  Map<String, String> environment(String name) {
    return (Map<String, String>) service(name).get("environment");
  }

  @Test
  void runsTwoApplicationNodesOnOnePostgres15() {
    assertThat(((Map<?, ?>) compose.get("services")).keySet()).map(Object::toString).containsExactlyInAnyOrder("postgres", "app", "lb");
    assertThat(service("postgres").get("image")).isEqualTo("postgres:15");
    assertThat(((Map<?, ?>) service("app").get("deploy")).get("replicas")).isEqualTo(2);
    assertThat(service("app").get("image").toString()).startsWith("liaison-platform:");
    assertThat(read("pom.xml")).contains("<name>" + "liaison-platform:${project.version}</name>");
    for (String s : List.of("postgres", "app", "lb")) {
      assertThat(service(s)).as(s + " has a health check").containsKey("healthcheck");
    }
  }

  @Test
  void applicationNodesUseTheComposeDatabaseAndThePostgresProfile() {
    Map<String, String> app = environment("app");
    Map<String, String> pg = environment("postgres");
    assertThat(app).containsEntry("SPRING_PROFILES_ACTIVE", "postgres");
    assertThat(app.get("LIAISON_DB_URL")).isEqualTo("jdbc:postgresql://postgres:5432/" + pg.get("POSTGRES_DB"));
    assertThat(app.get("LIAISON_DB_USER")).isEqualTo(pg.get("POSTGRES_USER"));
    assertThat(app.get("LIAISON_DB_PASSWORD")).isEqualTo(pg.get("POSTGRES_PASSWORD"));
    assertThat(app.get("LIAISON_ADMIN_PASSWORD")).as("required, no default").startsWith("${LIAISON_ADMIN_PASSWORD:?");
  }

  @Test
  void everyVariableGivenToTheApplicationIsOneItReads() {
    String config = read("src/main/resources/application.yaml") + read("src/main/resources/application-postgres.yaml");
    var placeholder = Pattern.compile("\\$\\{(LIAISON_[A-Z_]+|SERVER_PORT)[:}]");
    var read = placeholder.matcher(config).results().map(m -> m.group(1)).toList();
    for (String name : environment("app").keySet()) {
      if (name.startsWith("LIAISON_") || name.equals("SERVER_PORT")) {
        assertThat(read).as("application reads " + name).contains(name);
      } else {
        // Spring Boot's own relaxed binding (SPRING_PROFILES_ACTIVE, LOGGING_...) or the image's health checker
        assertThat(name).matches("SPRING_PROFILES_ACTIVE|LOGGING_STRUCTURED_FORMAT_CONSOLE|THC_PORT|THC_PATH");
      }
    }
  }

  @Test
  void balancerPublishesPort8080AndForwardsToTheNodesPort() {
    assertThat(service("lb").get("ports")).isEqualTo(List.of("8080:80"));
    assertThat(service("app").get("expose")).isEqualTo(List.of(environment("app").get("SERVER_PORT")));
    assertThat(read("deploy/nginx.conf")).contains("server app:" + environment("app").get("SERVER_PORT"), "ip_hash");
    assertThat(environment("app").get("THC_PATH")).isEqualTo("/actuator/health/readiness");
  }

  static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
