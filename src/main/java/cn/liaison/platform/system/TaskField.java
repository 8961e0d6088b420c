package cn.liaison.platform.system;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One variable a user task accepts on completion: its name, type, allowed values (for choices) and size. A
 * process's contract lists these per task; the completion guard refuses any other variable.
 */
public record TaskField(String name, Type type, Set<String> allowed, int maxLength) {

  /** The value types a form or a REST client may send. */
  public enum Type {
    TEXT("文字"), CHOICE("选项"), INTEGER("整数"), DECIMAL("数字"), DATE("日期"), BOOLEAN("是/否"), LIST("多选列表");

    private final String label;

    Type(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public static TaskField text(String name, int maxLength) {
    return new TaskField(name, Type.TEXT, Set.of(), maxLength);
  }

  /** A decision: one of the enum's constant names. */
  public static TaskField choice(String name, Class<? extends Enum<?>> values) {
    var allowed = new LinkedHashSet<String>();
    Arrays.stream(values.getEnumConstants()).forEach(v -> allowed.add(v.name()));
    return new TaskField(name, Type.CHOICE, Set.copyOf(allowed), 64);
  }

  public static TaskField integer(String name) {
    return new TaskField(name, Type.INTEGER, Set.of(), 20);
  }

  public static TaskField decimal(String name) {
    return new TaskField(name, Type.DECIMAL, Set.of(), 32);
  }

  public static TaskField date(String name) {
    return new TaskField(name, Type.DATE, Set.of(), 40);
  }

  public static TaskField bool(String name) {
    return new TaskField(name, Type.BOOLEAN, Set.of(), 5);
  }

  /** A checklist: values from the enum's constant names, or any values when values is null (checked by rules). */
  public static TaskField list(String name, Class<? extends Enum<?>> values, int maxLength) {
    if (values == null) {
      return new TaskField(name, Type.LIST, Set.of(), maxLength);
    }
    return new TaskField(name, Type.LIST, choice(name, values).allowed(), maxLength);
  }

  /**
   * The items of a checklist value ({@link Type#LIST}): a Java collection, a JSON array (Spin, or text as Tasklist
   * and scripts send it) or a comma-separated text; empty for null, and null for a value of any other kind.
   */
  public static List<String> items(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof Collection<?> c) {
      return c.stream().map(String::valueOf).toList();
    }
    if (!(value instanceof String) && !value.getClass().getName().startsWith("org.camunda.spin")) {
      return null;
    }
    String s = value.toString().strip();
    if (s.startsWith("[") && s.endsWith("]")) {
      return Arrays.stream(s.substring(1, s.length() - 1).split(","))
          .map(x -> x.strip().replace("\"", "")).filter(x -> !x.isEmpty()).toList();
    }
    return value instanceof String ? Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList()
        : null;
  }
}
