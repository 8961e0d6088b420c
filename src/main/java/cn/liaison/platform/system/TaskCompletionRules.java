package cn.liaison.platform.system;

import java.util.Map;
import java.util.function.Function;

/**
 * A process's contract for its user tasks: which variables each task accepts (name, type, allowed values) and
 * the rules its decision must satisfy. The completion guard ({@link TaskCompletionGuard}) applies it inside the
 * engine's completion, whether the task is completed from Tasklist's form, /engine-rest or Java.
 */
public interface TaskCompletionRules {

  /** True for the process definition keys whose tasks these rules check. */
  boolean appliesTo(String processDefinitionKey);

  /**
   * The variables the task accepts on completion, by name; an empty map for a task that accepts none, and null
   * for a task the contract does not know (its completion may carry no variables).
   */
  Map<String, TaskField> accepts(String taskKey);

  /**
   * Throws {@link TaskDecisionRefused} with Chinese messages when the decision (variables read through vars,
   * after the completion's variables are applied) does not fit.
   */
  void check(String taskKey, Function<String, Object> vars);
}
