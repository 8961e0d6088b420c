package cn.liaison.platform.supervision;

import cn.liaison.platform.system.NewTaskVariables;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * The colour of an open item with a deadline (三色督办), kept as process variables by the engine. The order is the
 * severity: a light only goes up (green → yellow → red) until the item enters a new deadline period.
 */
public enum SupervisionLight {
  GREEN("绿灯", "🟢 绿灯 正常"), YELLOW("黄灯", "🟡 黄灯 临期"), RED("红灯", "🔴 红灯 超期");

  /** The colour's code (GREEN, YELLOW, RED): what filters and statistics ask for. */
  public static final String VAR = "supervisionLight";
  /**
   * The colour as people read it (🟢 绿灯 正常 …): what Tasklist cards and the phone workbench show; kept on the open
   * tasks only (their copies), the item's scope keeps the code.
   */
  public static final String TEXT_VAR = "supervisionLightText";
  /** When the light turns yellow: the yellow point of the current deadline period, read by the timer 亮黄灯. */
  public static final String YELLOW_AT_VAR = "lightYellowAt";
  /** The deadline the current period was planned for: entering again with the same deadline keeps the light. */
  public static final String DUE_AT_VAR = "lightDueAt";
  /** The card label of {@link #TEXT_VAR}. */
  public static final String LABEL = "督办灯";
  /** Tasklist card entry for filters that show the light. */
  public static final Map<String, String> CARD_VARIABLE = Map.of("name", TEXT_VAR, "label", LABEL);

  private final String label;
  private final String text;

  SupervisionLight(String label, String text) {
    this.label = label;
    this.text = text;
  }

  /** 绿灯, 黄灯, 红灯. */
  public String label() {
    return label;
  }

  /** 🟢 绿灯 正常, 🟡 黄灯 临期, 🔴 红灯 超期. */
  public String text() {
    return text;
  }

  public SupervisionLight max(SupervisionLight other) {
    return other == null || compareTo(other) >= 0 ? this : other;
  }

  /** The light of a stored code, null when there is none or it is not one. */
  public static SupervisionLight of(Object code) {
    if (code instanceof String s) {
      for (SupervisionLight light : values()) {
        if (light.name().equals(s)) {
          return light;
        }
      }
    }
    return null;
  }

  /**
   * Copies the item's light, as the task sees it now, onto the task (task-local), so whoever may work the task sees
   * it on the card without reading the process. Called by the processes' task listeners on create; nothing when the
   * item has no light.
   */
  public static void copyOnto(DelegateTask task) {
    Object code = task.getExecution() == null ? null : task.getExecution().getVariable(VAR);
    if (of(code) != null) {
      NewTaskVariables.startEmpty(task);
      task.setVariableLocal(VAR, code);
      task.setVariableLocal(TEXT_VAR, of(code).text());
    }
  }
}
