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

  @Test
  void otherFailuresKeepCamundasAnswers() {
    assertThat(engine.toResponse(new BadUserRequestException("unknown sorting")).getStatus()).isEqualTo(400);
    assertThat(other.toResponse(new IllegalStateException("bug")).getStatus()).isEqualTo(500);
  }
}
