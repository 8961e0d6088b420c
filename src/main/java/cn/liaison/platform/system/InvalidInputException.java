package cn.liaison.platform.system;

import java.util.Map;

/** A user's mistake found by a service: 400 with a Chinese message per field; nothing was changed. */
public class InvalidInputException extends RuntimeException {

  private final Map<String, String> errors;

  public InvalidInputException(Map<String, String> errors) {
    super("提交的内容有误，请按提示修改。");
    this.errors = Map.copyOf(errors);
  }

  public InvalidInputException(String field, String message) {
    this(Map.of(field, message));
  }

  public Map<String, String> errors() {
    return errors;
  }
}
