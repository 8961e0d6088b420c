package cn.liaison.platform.system;

import java.util.Map;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A user task's completion refused by its process contract: the Chinese message for the user, and per variable
 * what is wrong. A FormFieldValidationException, which Camunda's REST API (/engine-rest and the webapps' own)
 * answers with 400 for task completion and form submission; the transaction rolls back, so nothing changes.
 */
public class TaskDecisionRefused extends FormFieldValidationException {

  private static final long serialVersionUID = 1L;

  /** How every refusal's message begins. */
  public static final String MESSAGE_START = "任务未完成，请修改后重新提交：";

  private final Map<String, String> errors;

  public TaskDecisionRefused(Map<String, String> errors) {
    super(Map.copyOf(errors), MESSAGE_START + String.join("；", errors.values()));
    this.errors = Map.copyOf(errors);
  }

  /** Variable name → what is wrong with it. */
  public Map<String, String> errors() {
    return errors;
  }
}
