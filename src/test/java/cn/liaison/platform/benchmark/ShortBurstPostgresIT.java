package cn.liaison.platform.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PostgresSupport;
import cn.liaison.platform.benchmark.LoadHarness.Outcome;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The short version of the load suite's burst ({@link LoadAndFaultBenchmark}, issue 10): 200 valid submissions
 * at 100 per second, open loop, each from its own address, against the platform on PostgreSQL. Busy answers are
 * 503 (the bulkhead, or no database connection in time), never another 5xx; every submission answered 201 is
 * stored with its process. Timing is not asserted (CI machines differ); the benchmark prints it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "postgres"})
@ExtendWith(PostgresSupport.class)
@TestPropertySource(properties = "liaison.demo.enabled=true")
class ShortBurstPostgresIT {

  static final String RUN = Long.toString(System.nanoTime(), 36);

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresSupport.register(registry);
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  final ObjectMapper json = new ObjectMapper();

  @Test
  void aBurstOfSubmissionsGetsOnly201Or503AndEvery201IsStoredWithItsProcess() throws Exception {
    List<Outcome> outcomes = LoadHarness.openLoop(200, 100, Duration.ofSeconds(30), i -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("stationCode", "cy-crane");
      body.put("category", "IRRIGATION");
      body.put("content", "村东头灌溉渠堵塞，麦田浇不上水，请尽快疏通。【短突发 " + RUN + " " + i + "】");
      body.put("place", "长垣市恼里镇某村");
      body.put("anonymous", true);
      body.put("consent", true);
      try {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/opinions"))
            .header("Content-Type", "application/json").header("X-Forwarded-For", LoadHarness.address(7, i))
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });

    assertThat(outcomes).hasSize(200);
    assertThat(outcomes).as("answers " + LoadHarness.byStatus(outcomes.stream().map(Outcome::status).toList()))
        .allSatisfy(o -> assertThat(o.status()).isIn(201, 503));
    Set<String> answered = new HashSet<>();
    for (Outcome o : outcomes) {
      if (o.status() == 201) {
        answered.add(json.readTree(o.body()).path("ticketNo").asText());
      }
    }
    assertThat(answered).as("some submissions get through").isNotEmpty();
    List<String> stored = jdbc.queryForList("SELECT o.ticket_no FROM opinion o JOIN act_hi_procinst p "
        + "ON p.id_ = o.process_instance_id WHERE o.content LIKE ?", String.class, "%【短突发 " + RUN + " %");
    assertThat(stored).as("every 201 stored once with its process").doesNotHaveDuplicates()
        .containsAll(answered);
  }
}
