package cn.liaison.platform.trust;

import cn.liaison.platform.PostgresSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The authorization matrix on PostgreSQL, with the postgres profile as production uses it. */
@ActiveProfiles({"test", "postgres"})
@ExtendWith(PostgresSupport.class)
@TestPropertySource(properties = "liaison.demo.enabled=true")
class AuthorizationMatrixPostgresIT extends AuthorizationMatrixContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresSupport.register(registry);
  }
}
