package cn.liaison.platform.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What changed, for an audit row's detail: "名称：县水利局 → 县水利和湖泊局；签名密钥已修改". Personal data and secrets
 * are named, never shown ({@link #personal}).
 */
public final class Changes {

  private final List<String> parts = new ArrayList<>();

  public static Changes of() {
    return new Changes();
  }

  /** label: before → after, if they differ (空 for nothing). */
  public Changes field(String label, Object before, Object after) {
    if (!Objects.equals(before, after)) {
      parts.add(label + "：" + show(before) + " → " + show(after));
    }
    return this;
  }

  /** "label已修改" if they differ; the values are personal data or secrets and stay out of the audit trail. */
  public Changes personal(String label, Object before, Object after) {
    if (!Objects.equals(before, after)) {
      parts.add(label + "已修改");
    }
    return this;
  }

  /** A free note (counts, names of resources), never personal data. */
  public Changes note(String text) {
    if (text != null && !text.isBlank()) {
      parts.add(text);
    }
    return this;
  }

  public boolean isEmpty() {
    return parts.isEmpty();
  }

  /** The detail text, or null when nothing changed. */
  public String text() {
    return parts.isEmpty() ? null : String.join("；", parts);
  }

  @Override
  public String toString() {
    return String.valueOf(text());
  }

  private static String show(Object value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      return "（空）";
    }
    if (value instanceof Boolean b) {
      return b ? "是" : "否";
    }
    return String.valueOf(value);
  }
}
