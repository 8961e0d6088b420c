package cn.liaison.platform.opinion;

import cn.liaison.platform.PostgresSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** Ticket numbers under load on PostgreSQL, with the postgres profile as production uses it. */
@ActiveProfiles({"test", "postgres"})
@ExtendWith(PostgresSupport.class)
@TestPropertySource(properties = "liaison.demo.enabled=true")
class ConcurrentSubmissionPostgresIT extends ConcurrentSubmissionTests {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresSupport.register(registry);
  }
}
