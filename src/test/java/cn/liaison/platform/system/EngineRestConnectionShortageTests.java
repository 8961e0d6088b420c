package cn.liaison.platform.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.sql.SQLTransientConnectionException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;

/** /engine-rest's answers when the database pool has no connection in time, next to Camunda's usual answers. */
class EngineRestConnectionShortageTests {

  private final EngineRestConnectionShortage.EngineFailures engine = new EngineRestConnectionShortage.EngineFailures(5);
  private final EngineRestConnectionShortage.OtherFailures other = new EngineRestConnectionShortage.OtherFailures(5);

  @Test
  void anEngineCommandWithoutAConnectionIsServiceUnavailableWithRetryAfter() {
    Response response = engine.toResponse(new ProcessEngineException("could not open connection",
        new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out")));
    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
  }

  @Test
  void aTransactionThatCouldNotStartIsServiceUnavailable() {
    Response response = other.toResponse(new CannotCreateTransactionException("no connection",
        new SQLTransientConnectionException("timed out")));
    assertThat(response.getStatus()).isEqualTo(503);
  }

  /** A resource of a Jersey application set up like the webapps' APIs (Camunda's mappers, nothing of Spring). */
  @jakarta.ws.rs.Path("/process-definition")
  public static final class WithoutConnection {
    @jakarta.ws.rs.GET
    public String list() {
      throw new ProcessEngineException("could not open connection",
          new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out"));
    }
  }

  @Test
  void theWebappsOwnApisAnswerServiceUnavailableToo() throws Exception {
    var cockpitLike = new org.glassfish.jersey.server.ResourceConfig(WithoutConnection.class,
        org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler.class,
        org.camunda.bpm.engine.rest.exception.ExceptionHandler.class);
    // jersey-spring is on the classpath too: give it an empty context instead of its applicationContext.xml
    var spring = new org.springframework.context.annotation.AnnotationConfigApplicationContext();
    spring.refresh();
    cockpitLike.property("contextConfig", spring);
    var handler = new org.glassfish.jersey.server.ApplicationHandler(cockpitLike);
    var response = handler.apply(org.glassfish.jersey.server.ContainerRequest.class.cast(
        new org.glassfish.jersey.server.ContainerRequest(java.net.URI.create("http://localhost/camunda/api/engine/"),
            java.net.URI.create("http://localhost/camunda/api/engine/process-definition"), "GET", null,
            new org.glassfish.jersey.internal.MapPropertiesDelegate(), handler.getConfiguration()))).get();
    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeaderString("Retry-After")).isNotBlank();
  }

  @Test
  void otherFailuresKeepCamundasAnswers() {
    assertThat(engine.toResponse(new BadUserRequestException("unknown sorting")).getStatus()).isEqualTo(400);
    assertThat(other.toResponse(new IllegalStateException("bug")).getStatus()).isEqualTo(500);
  }
}
