package cn.liaison.platform.system;

import java.util.Map;

/** A user's mistake found by a service: 400 with a Chinese message per field; nothing was changed. */
public class InvalidInputException extends RuntimeException {

  private final Map<String, String> errors;

  public InvalidInputException(Map<String, String> errors) {
    super("提交的内容有误，请按提示修改。");
    // in the order found (e.g. a file's lines), so people can work through them
    this.errors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(errors));
  }

  public InvalidInputException(String field, String message) {
    this(Map.of(field, message));
  }

  public Map<String, String> errors() {
    return errors;
  }
}
