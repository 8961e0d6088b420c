package cn.liaison.platform.system;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camunda's REST APIs under load: /engine-rest (Camunda Modeler, scripts) and the webapps' own
 * (/camunda/api/engine, /camunda/api/cockpit, /camunda/api/tasklist, /camunda/api/admin: Tasklist, Cockpit and
 * Admin call these). No database connection within the pool's time-out is 503 with Retry-After in Camunda's error
 * format, not the 500 Camunda's own mappers give every engine failure. Everything else goes to Camunda's mappers
 * unchanged. /engine-rest is Spring Boot's Jersey application (customized here); the webapps' APIs are Jersey
 * applications of their own, which take the mappers through Jersey's auto-discovery
 * ({@link CamundaRestConnectionShortage}).
 */
@Configuration(proxyBeanMethods = false)
class EngineRestConnectionShortage {

  private static final Logger log = LoggerFactory.getLogger(EngineRestConnectionShortage.class);

  /** Set from the settings at start; Jersey creates the discoverable itself, outside Spring. */
  static volatile int retryAfterSeconds = 5;

  @Bean
  ResourceConfigCustomizer engineRestConnectionShortageMappers(OverloadProperties overload) {
    retryAfterSeconds = overload.retryAfterSeconds();
    return EngineRestConnectionShortage::register;
  }

  static void register(jakarta.ws.rs.core.Configurable<?> config) {
    if (!config.getConfiguration().isRegistered(EngineFailures.class)) {
      config.register(new EngineFailures(retryAfterSeconds));
      config.register(new OtherFailures(retryAfterSeconds));
    }
  }

  static Response busy(int retryAfterSeconds) {
    log.warn("no database connection within the pool's time-out on Camunda's REST API: answered 503");
    return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON_TYPE)
        .header("Retry-After", String.valueOf(retryAfterSeconds))
        .entity(OverloadFilter.engineRestError(retryAfterSeconds))
        .build();
  }

  /** Failures of the engine (Camunda maps them by ProcessEngineExceptionHandler): ahead of it by priority. */
  @Priority(1)
  static final class EngineFailures implements ExceptionMapper<ProcessEngineException> {
    private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();
    private final int retryAfter;

    EngineFailures(int retryAfter) {
      this.retryAfter = retryAfter;
    }

    @Override
    public Response toResponse(ProcessEngineException e) {
      return OverloadFilter.isConnectionShortage(e) ? busy(retryAfter) : camunda.toResponse(e);
    }
  }

  /** Spring's transaction and JDBC failures (Camunda maps them by its Throwable handler): closer by type. */
  static final class OtherFailures implements ExceptionMapper<RuntimeException> {
    private final ExceptionHandler camunda = new ExceptionHandler();
    private final int retryAfter;

    OtherFailures(int retryAfter) {
      this.retryAfter = retryAfter;
    }

    @Override
    public Response toResponse(RuntimeException e) {
      return OverloadFilter.isConnectionShortage(e) ? busy(retryAfter) : camunda.toResponse(e);
    }
  }
}
