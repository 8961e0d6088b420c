package cn.liaison.platform.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Demo data is on only for an embedded H2 database unless LIAISON_DEMO_DATA=true says otherwise, loudly. */
class DemoDataDefaultTests {

  static final String DEFAULT_H2 = "jdbc:h2:file:./data/liaison;DB_CLOSE_ON_EXIT=FALSE";
  static final String POSTGRES = "jdbc:postgresql://db.example.cn:5432/liaison";

  @Test
  void embeddedH2FileOrMemoryHasDemoDataByDefault() {
    assertThat(DemoDataDefault.decide("auto", DEFAULT_H2)).isEqualTo(new DemoDataDefault.Decision(true, null));
    assertThat(DemoDataDefault.decide(null, "jdbc:h2:mem:liaison")).isEqualTo(new DemoDataDefault.Decision(true, null));
    assertThat(DemoDataDefault.decide("", null).enabled()).isTrue();
  }

  @Test
  void postgresOrAnH2ServerHasNoDemoDataByDefault() {
    assertThat(DemoDataDefault.decide("auto", POSTGRES)).isEqualTo(new DemoDataDefault.Decision(false, null));
    assertThat(DemoDataDefault.decide(null, POSTGRES).enabled()).isFalse();
    assertThat(DemoDataDefault.decide("auto", "jdbc:h2:tcp://db.example.cn/liaison").enabled()).isFalse();
  }

  @Test
  void explicitTrueOnPostgresTurnsDemoDataOnWithALoudWarning() {
    DemoDataDefault.Decision decision = DemoDataDefault.decide("true", POSTGRES + "?password=secret");
    assertThat(decision.enabled()).isTrue();
    assertThat(decision.warning()).contains("LIAISON_DEMO_DATA=true", "切勿用于生产环境", POSTGRES)
        .doesNotContain("secret");
    assertThat(DemoDataDefault.decide("TRUE", DEFAULT_H2)).isEqualTo(new DemoDataDefault.Decision(true, null));
  }

  @Test
  void explicitFalseAlwaysTurnsDemoDataOff() {
    assertThat(DemoDataDefault.decide("false", DEFAULT_H2).enabled()).isFalse();
    assertThat(DemoDataDefault.decide("false", POSTGRES).enabled()).isFalse();
  }

  @Test
  void aTypoIsRefusedRatherThanGuessed() {
    assertThatThrownBy(() -> DemoDataDefault.decide("yes please", POSTGRES))
        .hasMessageContaining("LIAISON_DEMO_DATA");
  }

  @Test
  void theEnvironmentGetsTheDecisionAndTheWarningIsLogged() {
    List<Object> warnings = new ArrayList<>();
    Log log = Mockito.mock(Log.class);
    Mockito.doAnswer(i -> warnings.add(i.getArgument(0))).when(log).warn(Mockito.any());
    DemoDataDefault processor = new DemoDataDefault(type -> log);

    // LIAISON_DB_URL points at PostgreSQL, no profile, LIAISON_DEMO_DATA not set: application.yaml's "auto"
    StandardEnvironment production = environment(Map.of("liaison.demo.enabled", "${LIAISON_DEMO_DATA:auto}",
        "spring.datasource.url", "${LIAISON_DB_URL:" + DEFAULT_H2 + "}", "LIAISON_DB_URL", POSTGRES));
    processor.postProcessEnvironment(production, new SpringApplication());
    assertThat(production.getProperty("liaison.demo.enabled", Boolean.class)).isFalse();
    assertThat(warnings).isEmpty();

    StandardEnvironment fresh = environment(Map.of("liaison.demo.enabled", "${LIAISON_DEMO_DATA:auto}",
        "spring.datasource.url", "${LIAISON_DB_URL:" + DEFAULT_H2 + "}"));
    processor.postProcessEnvironment(fresh, new SpringApplication());
    assertThat(fresh.getProperty("liaison.demo.enabled", Boolean.class)).isTrue();
    assertThat(warnings).isEmpty();

    StandardEnvironment forced = environment(Map.of("liaison.demo.enabled", "${LIAISON_DEMO_DATA:auto}",
        "spring.datasource.url", POSTGRES, "LIAISON_DEMO_DATA", "true"));
    processor.postProcessEnvironment(forced, new SpringApplication());
    assertThat(forced.getProperty("liaison.demo.enabled", Boolean.class)).isTrue();
    assertThat(warnings).singleElement().asString().contains("LIAISON_DEMO_DATA=true");
  }

  static StandardEnvironment environment(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    return environment;
  }
}
