package cn.liaison.platform.campaign;

import cn.liaison.platform.PostgresSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The 500-household campaign with its flaky finance system, on PostgreSQL as production runs it. */
@ActiveProfiles({"test", "postgres"})
@ExtendWith(PostgresSupport.class)
@TestPropertySource(properties = "liaison.demo.enabled=true")
class CampaignSimulationPostgresIT extends CampaignSimulationTests {

  @Override
  int households() {
    return 500;
  }

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresSupport.register(registry);
  }
}
