package cn.liaison.platform.modeling;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * The rules for JUEL expressions in BPMN models, checked on the expression's syntax tree (Camunda's own JUEL
 * parser), not on its text.
 *
 * <p>Allowed: literals; process variables, also a property of a map or JSON variable ({@code triage.grade},
 * {@code triage['grade']}, {@code list[0]}); comparisons, {@code && || !}, arithmetic, {@code empty},
 * {@code ? :}; and the functions in {@link #FUNCTIONS}. Refused: any method call ({@code x.foo()}), any other
 * function, any name that is a Spring bean or an engine object ({@code execution}, {@code task}) — also when
 * a variable of that name exists — the property {@code class}, and property names computed at run time.
 */
class ExpressionRules {

  /** Camunda's built-in functions that only read: the time and the current user. */
  static final Set<String> FUNCTIONS = Set.of("now", "dateTime", "currentUser", "currentUserGroups");

  /** Properties that lead from a value to its class, its class loader and so on. */
  static final Set<String> FORBIDDEN_PROPERTIES = Set.of("class", "declaringClass", "classLoader", "module");

  private static final Pattern DELEGATE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  /** Same parser features as Camunda's expression factory: method calls and varargs parse, so they are seen. */
  private final Builder parser = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);
  private final PlatformNames names;

  ExpressionRules(PlatformNames names) {
    this.names = names;
  }

  static boolean isExpression(String text) {
    return text != null && (text.contains("${") || text.contains("#{"));
  }

  /** Why this expression is refused, or empty if it only reads variables. */
  Optional<String> check(String expression) {
    Node root;
    try {
      root = parser.build(expression).getRoot();
    } catch (TreeBuilderException | IllegalArgumentException e) {
      return Optional.of("表达式“" + expression + "”无法解析（" + e.getMessage() + "）");
    }
    return check(root, expression);
  }

  /** A delegate expression must be exactly {@code ${beanName}} of one of the platform's delegates. */
  Optional<String> checkDelegate(String expression) {
    Matcher m = DELEGATE.matcher(expression == null ? "" : expression.trim());
    if (m.matches() && names.isDelegate(m.group(1))) {
      return Optional.empty();
    }
    return Optional.of("委托表达式“" + expression + "”不是平台的委托 bean；只能写成 ${bean 名}，可用的有："
        + String.join("、", names.delegates()));
  }

  private Optional<String> check(Node node, String expression) {
    if (node instanceof AstMethod) {
      return Optional.of("表达式“" + expression + "”调用了方法：模型中的表达式只能读取和比较流程变量，不能调用方法");
    }
    if (node instanceof AstFunction function && !FUNCTIONS.contains(function.getName())) {
      return Optional.of("表达式“" + expression + "”调用了函数 " + function.getName() + "()：只允许 "
          + String.join("()、", FUNCTIONS.stream().sorted().toList()) + "()");
    }
    if (node instanceof AstIdentifier identifier) {
      String name = identifier.getName();
      if (names.isEngineObject(name)) {
        return Optional.of("表达式“" + expression + "”使用了引擎对象 " + name + "：只能读取流程变量");
      }
      if (names.isBean(name)) {
        return Optional.of("表达式“" + expression + "”引用了平台内部对象（Spring bean）" + name
            + "：只能读取流程变量，变量也不能与平台内部对象同名");
      }
    }
    if (node instanceof AstDot dot) {
      String property = dot.toString().substring(2); // ". name"
      if (FORBIDDEN_PROPERTIES.contains(property)) {
        return Optional.of("表达式“" + expression + "”读取了属性 " + property + "：不允许");
      }
    }
    if (node instanceof AstBracket bracket) {
      Node property = bracket.getChild(1);
      if (property instanceof AstString literal) {
        Object value = literal.eval(null, null);
        if (FORBIDDEN_PROPERTIES.contains(String.valueOf(value))) {
          return Optional.of("表达式“" + expression + "”读取了属性 " + value + "：不允许");
        }
      } else if (!(property instanceof AstNumber)) {
        return Optional.of("表达式“" + expression + "”用计算出的名字读取属性（[…]）：只允许写明的属性名或序号");
      }
    }
    for (int i = 0; i < node.getCardinality(); i++) {
      Optional<String> refused = check(node.getChild(i), expression);
      if (refused.isPresent()) {
        return refused;
      }
    }
    return Optional.empty();
  }
}
