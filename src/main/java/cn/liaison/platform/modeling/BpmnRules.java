package cn.liaison.platform.modeling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Walks a whole BPMN document (Camunda's parsed XML elements, with line numbers) and lists what a model may
 * not contain. Attributes are matched by local name in any namespace, so Camunda's old namespaces
 * ({@code activiti:}, {@code fox:}) are covered as well.
 */
class BpmnRules {

  /** attribute → reason: implementations that run code other than the platform's delegates. */
  static final Map<String, String> CODE_ATTRIBUTES = Map.of(
      "class", "不允许 Java 类（camunda:class）：模型只能调用平台的委托 bean（camunda:delegateExpression=\"${bean 名}\"）",
      "expression", "不允许 camunda:expression：表达式形式的服务调用可以执行任意代码，请使用平台的委托 bean",
      "variableMappingClass", "不允许 camunda:variableMappingClass：调用活动的变量映射不能用 Java 类",
      "variableMappingDelegateExpression", "不允许 camunda:variableMappingDelegateExpression：请用 camunda:in / camunda:out 映射变量",
      "resource", "不允许外部脚本（camunda:resource）：模型中不能有脚本",
      "language", "不允许脚本条件或脚本表达式（language）：条件只能用读取流程变量的表达式",
      "formKey", "不允许 camunda:formKey（嵌入式或外部表单可在任务列表中运行脚本）：请用 camunda:formRef 引用 Camunda 表单");

  /** element (local name) → reason. */
  static final Map<String, String> CODE_ELEMENTS = Map.of(
      "scriptTask", "不允许脚本任务：模型中不能有脚本，请使用平台的委托 bean",
      "script", "不允许脚本（camunda:script）：监听器、输入输出映射和条件中都不能有脚本",
      "connector", "不允许连接器（camunda:connector）：对其他系统的调用由平台的委托完成",
      "field", "不允许字段注入（camunda:field）：它会改写平台委托 bean 的内部状态");

  static final String DELEGATE_EXPRESSION = "delegateExpression";

  private final ExpressionRules expressions;

  BpmnRules(ExpressionRules expressions) {
    this.expressions = expressions;
  }

  List<Violation> check(Element root) {
    List<Violation> violations = new ArrayList<>();
    walk(root, root.attribute("id"), false, violations);
    return violations;
  }

  private void walk(Element element, String nearestId, boolean inTextAnnotation, List<Violation> violations) {
    String uri = element.getUri() == null ? "" : element.getUri();
    if (uri.contains("/DI") || uri.contains("/DD/")) {
      return; // diagram shapes and edges: coordinates only
    }
    String id = element.attribute("id") != null ? element.attribute("id") : nearestId;
    String tag = element.getTagName();

    String elementReason = CODE_ELEMENTS.get(tag);
    if (elementReason != null) {
      violations.add(new Violation(id, elementReason));
    }
    for (String key : element.attributes()) {
      String name = key.substring(key.lastIndexOf(':') + 1);
      String value = element.attribute(key);
      String reason = CODE_ATTRIBUTES.get(name);
      if (reason != null && (isCamundaAttribute(key, uri) || "language".equals(name))) {
        violations.add(new Violation(id, reason));
      } else if (DELEGATE_EXPRESSION.equals(name)) {
        expressions.checkDelegate(value).ifPresent(r -> violations.add(new Violation(id, r)));
      } else if (ExpressionRules.isExpression(value)) {
        expressions.check(value).ifPresent(r -> violations.add(new Violation(id, r)));
      }
    }
    boolean annotation = inTextAnnotation || "textAnnotation".equals(tag);
    String text = element.getText();
    if (!annotation && ExpressionRules.isExpression(text)) {
      expressions.check(text.trim()).ifPresent(r -> violations.add(new Violation(id, r)));
    }
    for (Element child : element.elements()) {
      walk(child, id, annotation, violations);
    }
  }

  /** A Camunda extension attribute: camunda:x on a BPMN element, or an unqualified x on a camunda: element. */
  private static boolean isCamundaAttribute(String key, String elementUri) {
    return isCamundaUri(key) || (key.indexOf(':') < 0 && isCamundaUri(elementUri));
  }

  private static boolean isCamundaUri(String key) {
    return key.contains("camunda.org") || key.contains("activiti.org") || key.contains("camunda.com/fox");
  }

}
