package cn.liaison.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The foundation's guarantees on PostgreSQL, with the postgres profile as production uses it. */
@ActiveProfiles({"test", "postgres"})
@ExtendWith(PostgresSupport.class)
@TestPropertySource(properties = "liaison.demo.enabled=true")
class PostgresPlatformIT extends PlatformFoundationContract {

  @Autowired JdbcTemplate jdbc;

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresSupport.register(registry);
  }

  @Test
  void camundaAndPlatformTablesLiveInPostgres() {
    assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
    List<String> tables = jdbc.queryForList(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()", String.class);
    assertThat(tables).contains("act_ru_task", "act_hi_procinst", "act_id_group", "act_ru_authorization",
        "flyway_schema_history", "department");
  }
}
