package cn.liaison.platform.opinion.process;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Reading process variables the same way in every delegate. */
final class Vars {

  private Vars() {}

  static long opinionId(VariableScope scope) {
    return ((Number) scope.getVariable("opinionId")).longValue();
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
