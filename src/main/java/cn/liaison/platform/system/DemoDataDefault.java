package cn.liaison.platform.system;

import java.util.Locale;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Decides {@code liaison.demo.enabled} before any bean reads it. Demo data (demo users whose passwords equal their
 * ids, a development secret key) is on by default only for an embedded H2 database: the default
 * {@code jdbc:h2:file:} URL, {@code jdbc:h2:mem:} or no URL at all. With any other database (PostgreSQL through
 * LIAISON_DB_URL, with or without the postgres profile) it is off unless LIAISON_DEMO_DATA=true is set explicitly;
 * then a loud warning is logged at every start. LIAISON_DEMO_DATA=false always turns it off.
 *
 * <p>application.yaml has {@code liaison.demo.enabled: ${LIAISON_DEMO_DATA:auto}}; "auto" (or nothing) means the
 * rule above. Registered in META-INF/spring.factories; runs right after the configuration files are read.
 */
public class DemoDataDefault implements EnvironmentPostProcessor, Ordered {

  static final String PROPERTY = "liaison.demo.enabled";
  static final String SOURCE = "liaisonDemoDataDefault";

  /** What was decided, and the warning to log (null if none). */
  record Decision(boolean enabled, String warning) {}

  private final Log log;

  public DemoDataDefault(DeferredLogFactory logFactory) {
    this.log = logFactory.getLog(DemoDataDefault.class);
  }

  @Override
  public int getOrder() {
    return ConfigDataEnvironmentPostProcessor.ORDER + 1;
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    Decision decision = decide(environment.getProperty(PROPERTY), environment.getProperty("spring.datasource.url"));
    environment.getPropertySources().addFirst(new MapPropertySource(SOURCE,
        Map.of(PROPERTY, Boolean.toString(decision.enabled()))));
    if (decision.warning() != null) {
      log.warn(decision.warning());
    }
  }

  /**
   * The rule: explicit true/false wins (true outside embedded H2 with a warning); otherwise ("auto", blank) on
   * exactly for an embedded H2 database.
   */
  static Decision decide(String setting, String datasourceUrl) {
    String value = setting == null ? "" : setting.strip().toLowerCase(Locale.ROOT);
    boolean embedded = embeddedH2(datasourceUrl);
    return switch (value) {
      case "", "auto" -> new Decision(embedded, null);
      case "false" -> new Decision(false, null);
      case "true" -> new Decision(true, embedded ? null : """

          **********************************************************************************************
          演示数据已通过 LIAISON_DEMO_DATA=true 显式开启，但数据库不是内嵌 H2（%s）。
          演示用户（demo/demo 为管理员，其余用户密码与用户名相同）和开发用密钥仅供演示，切勿用于生产环境！
          DEMO DATA IS ON (LIAISON_DEMO_DATA=true) ON A NON-EMBEDDED DATABASE: well-known demo users and
          passwords exist. Never run a production installation like this; unset LIAISON_DEMO_DATA.
          **********************************************************************************************"""
          .formatted(withoutCredentials(datasourceUrl)));
      default -> throw new IllegalStateException("LIAISON_DEMO_DATA / liaison.demo.enabled 应为 true、false 或 auto，"
          + "而不是 “" + setting + "”");
    };
  }

  /** An H2 database inside this process (file or memory), not an H2 server reached over tcp/ssl. */
  static boolean embeddedH2(String url) {
    if (url == null || url.isBlank()) {
      return true; // Spring Boot then starts an embedded database
    }
    String u = url.strip().toLowerCase(Locale.ROOT);
    return u.startsWith("jdbc:h2:") && !u.startsWith("jdbc:h2:tcp:") && !u.startsWith("jdbc:h2:ssl:");
  }

  private static String withoutCredentials(String url) {
    if (url == null) {
      return "";
    }
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
