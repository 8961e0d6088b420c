package cn.liaison.platform.modeling;

/**
 * One thing in a model that the deployment check refuses: the element (its id, or the id of the nearest
 * element that has one) and the reason, in Chinese, as the analyst reads it in Camunda Modeler.
 */
record Violation(String elementId, String reason) {

  /** "元素 Task_X：reason", the line shown for this violation in the 400 answer and the log. */
  String describe() {
    return "元素 " + (elementId == null ? "（无 id）" : elementId) + "：" + reason;
  }
}
