package cn.liaison.platform.department;

import cn.liaison.platform.PostgresSupport;

import cn.liaison.platform.system.RateLimiter;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Departments with their own systems on PostgreSQL, with the postgres profile as production uses it: a
 * department system that cannot be reached becomes an incident, is fixed and retried, and the loop completes;
 * a final reply sent twice is stored once (department_reply and opinion_reply in PostgreSQL).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "postgres"})
@ExtendWith(PostgresSupport.class)
@TestPropertySource(properties = {"liaison.demo.enabled=true", "liaison.departments.retry-cycle=R3/PT1M"})
class DepartmentSystemsPostgresIT {

  static final WireMockServer departmentSystems =
      new WireMockServer(WireMockConfiguration.options().dynamicPort());

  @BeforeAll
  static void startDepartmentSystems() {
    departmentSystems.start();
  }

  @AfterAll
  static void stopDepartmentSystems() {
    if (departmentSystems.isRunning()) {
      departmentSystems.stop();
    }
  }

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresSupport.register(registry);
  }

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired RateLimiter rateLimiter;

  DepartmentSystemsTests.Platform platform;

  @BeforeEach
  void mondayMorning() {
    rateLimiter.reset();
    departmentSystems.resetAll();
    ClockUtil.setCurrentTime(Date.from(DepartmentSystemsTests.MONDAY_MORNING.toInstant()));
    platform = new DepartmentSystemsTests.Platform(http, engine, jdbc, departmentSystems);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void unreachableDepartmentSystemBecomesAnIncidentWhichTheOperatorResolvesAfterTheAdministratorFixesTheAddress() {
    platform.unreachableSystemBecomesAnIncidentThenIsFixedRetriedAndTheLoopCompletes();
  }

  @Test
  void sameFinalReplyTwiceIsStoredOnce() {
    platform.sameFinalReplyTwiceIsStoredOnce();
  }
}
