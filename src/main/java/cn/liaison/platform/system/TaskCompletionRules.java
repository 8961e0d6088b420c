package cn.liaison.platform.system;

import java.util.function.Function;

/**
 * The rules a feature's user-task decisions must satisfy, checked before the engine completes the task
 * (see {@link TaskDecisionValidationFilter}) and again by the feature's task listener.
 */
public interface TaskCompletionRules {

  /** True for the process definition keys whose tasks these rules check. */
  boolean appliesTo(String processDefinitionKey);

  /**
   * Throws {@link org.camunda.bpm.engine.BadUserRequestException} with a Chinese message when the decision
   * (variables read through vars) does not fit.
   */
  void check(String taskKey, Function<String, Object> vars);
}
