package cn.liaison.platform.modeling;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.bpm.model.dmn.instance.LiteralExpression;
import org.camunda.bpm.model.dmn.instance.Text;
import org.camunda.bpm.model.dmn.instance.UnaryTests;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;
import org.camunda.feel.syntaxtree.JavaFunctionInvocation;

/**
 * The rules for DMN decisions: every expression is FEEL (no JUEL, JavaScript, Groovy, Python …, neither on the
 * definitions, nor on an input expression, input entry, output entry or literal expression), and no FEEL
 * expression defines a Java-call function ({@code function(x) external {java: {...}}}), found on the FEEL
 * syntax tree of the engine's own FEEL parser.
 */
class DmnRules {

  static final List<String> FEEL = List.of(
      DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE,
      DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_ALTERNATIVE,
      DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN12,
      DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN13,
      DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN14,
      DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN15);

  private static final Pattern EXTERNAL = Pattern.compile("\\bexternal\\b");

  /**
   * Only parses, never evaluates. External functions are "enabled" for the parser alone, so that it returns the
   * syntax tree with the {@link JavaFunctionInvocation} instead of a validation failure; the DMN engine itself
   * evaluates FEEL with external functions disabled (Camunda's ScalaFeelEngine).
   */
  private final FeelEngineApi feel = FeelEngineBuilder.forJava().withEnabledExternalFunctions(true).build();

  static boolean isFeel(String language) {
    return language == null || language.isBlank() || FEEL.stream().anyMatch(f -> f.equalsIgnoreCase(language.trim()));
  }

  List<Violation> check(byte[] dmn) {
    List<Violation> violations = new ArrayList<>();
    DmnModelInstance model;
    try {
      model = Dmn.readModelFromStream(new ByteArrayInputStream(dmn));
    } catch (RuntimeException e) {
      violations.add(new Violation(null, "DMN 文件无法解析：" + e.getMessage()));
      return violations;
    }
    Definitions definitions = model.getDefinitions();
    if (!isFeel(definitions.getExpressionLanguage())) {
      violations.add(new Violation(definitions.getId(), notFeel(definitions.getExpressionLanguage())));
    }
    for (LiteralExpression expression : model.getModelElementsByType(LiteralExpression.class)) {
      check(expression, expression.getExpressionLanguage(), expression.getText(), false, violations);
    }
    for (UnaryTests tests : model.getModelElementsByType(UnaryTests.class)) {
      check(tests, tests.getExpressionLanguage(), tests.getText(), true, violations);
    }
    return violations;
  }

  private void check(ModelElementInstance element, String language, Text text, boolean unaryTests,
      List<Violation> violations) {
    String id = idOf(element);
    if (!isFeel(language)) {
      violations.add(new Violation(id, notFeel(language)));
      return;
    }
    String feelText = text == null ? null : text.getTextContent();
    if (feelText == null || feelText.isBlank()) {
      return;
    }
    javaCall(feelText, unaryTests).ifPresent(call -> violations.add(new Violation(id,
        "FEEL 表达式定义了调用 Java 的函数（external java" + call + "）：决策表中不能调用 Java")));
  }

  /** The Java call a FEEL text defines, if any: on the syntax tree; on the text if FEEL cannot parse it. */
  Optional<String> javaCall(String text, boolean unaryTests) {
    ParseResult parsed = unaryTests ? feel.parseUnaryTests(text) : feel.parseExpression(text);
    if (parsed.isFailure()) {
      parsed = unaryTests ? feel.parseExpression(text) : feel.parseUnaryTests(text);
    }
    if (parsed.isSuccess()) {
      return find(parsed.parsedExpression().expression());
    }
    return EXTERNAL.matcher(text).find() ? Optional.of("") : Optional.empty();
  }

  private static Optional<String> find(Object node) {
    if (node instanceof JavaFunctionInvocation call) {
      return Optional.of("：" + call.className() + "." + call.methodName());
    }
    if (node instanceof camundajar.impl.scala.Product product) {
      var children = product.productIterator();
      while (children.hasNext()) {
        Optional<String> found = find(children.next());
        if (found.isPresent()) {
          return found;
        }
      }
    } else if (node instanceof camundajar.impl.scala.collection.Iterable<?> iterable) {
      var children = iterable.iterator();
      while (children.hasNext()) {
        Optional<String> found = find(children.next());
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static String notFeel(String language) {
    return "表达式语言“" + language + "”不允许：决策中只能用 FEEL（JUEL、JavaScript、Groovy 等可以执行任意代码）";
  }

  private static String idOf(ModelElementInstance element) {
    for (ModelElementInstance e = element; e != null; e = e.getParentElement()) {
      String id = e.getAttributeValue("id");
      if (id != null) {
        return id;
      }
    }
    return null;
  }
}
