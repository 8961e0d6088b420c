package cn.liaison.platform.opinion.process;

import cn.liaison.platform.opinion.Opinion;
import cn.liaison.platform.opinion.OpinionHandling;
import cn.liaison.platform.opinion.OpinionLoopProcess.Var;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;
import cn.liaison.platform.system.ProcessInstanceRef;

/** Reading process variables the same way in every delegate. */
final class Vars {

  private Vars() {}

  /**
   * The opinion this process instance handles, found from the process (its business key, the ticket number) and
   * checked against the opinion's own process instance; the opinionId variable is for display only, and a
   * mismatch refuses the step.
   */
  static long opinionId(OpinionHandling handling, DelegateExecution execution) {
    return handling.opinionOf(ProcessInstanceRef.of(execution), execution.getVariable(Var.OPINION_ID));
  }

  /** The opinion as {@link #opinionId} finds and checks it, read in full (for steps that need more than its id). */
  static Opinion opinion(OpinionHandling handling, DelegateExecution execution) {
    return handling.opinionRecordOf(ProcessInstanceRef.of(execution), execution.getVariable(Var.OPINION_ID));
  }

  static long opinionId(OpinionHandling handling, DelegateTask task) {
    return opinionId(handling, task.getExecution());
  }

  /** The ticket number: the process's business key. */
  static String ticketNo(DelegateExecution execution) {
    return execution.getProcessBusinessKey();
  }

  static String string(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null || value.toString().isBlank() ? null : value.toString().strip();
  }

  static int integer(VariableScope scope, String name, int fallback) {
    Object value = scope.getVariable(name);
    if (value instanceof Number n) {
      return n.intValue();
    }
    return value == null || value.toString().isBlank() ? fallback : Integer.parseInt(value.toString().strip());
  }

  static Instant instant(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value instanceof Date d ? d.toInstant() : null;
  }

  /** The user who completed the task that led here (Tasklist or REST), or null for the engine itself. */
  static String actor(IdentityService identity) {
    Authentication auth = identity.getCurrentAuthentication();
    return auth == null ? null : auth.getUserId();
  }
}
