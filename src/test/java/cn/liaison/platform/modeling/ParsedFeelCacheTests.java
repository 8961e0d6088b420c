package cn.liaison.platform.modeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/** The FEEL engine that parses once answers exactly as Camunda's, rule after rule, evaluation after evaluation. */
class ParsedFeelCacheTests {

  final ParsedFeelCache cached = new ParsedFeelCache(List.of());
  final ScalaFeelEngine camunda = new ScalaFeelEngine(List.of());

  @Test
  void decisionTableEntriesMatchAsCamundasEngineDoesEveryTime() {
    String[] entries = {"\"IRRIGATION\"", "\"IRRIGATION\",\"ROADS\"", "not(\"OTHER\")", "< 5", "[1..10]", "-", ""};
    Object[] inputs = {"IRRIGATION", "ROADS", "OTHER", 3, 7, 12, null};
    for (int round = 0; round < 3; round++) {
      for (String entry : entries) {
        for (Object input : inputs) {
          var context = Variables.createVariables().putValue("category", input).asVariableContext();
          boolean expected;
          try {
            expected = camunda.evaluateSimpleUnaryTests(entry, "category", context);
          } catch (FeelException e) {
            assertThatThrownBy(() -> cached.evaluateSimpleUnaryTests(entry, "category", context))
                .isInstanceOf(FeelException.class);
            continue;
          }
          assertThat(cached.evaluateSimpleUnaryTests(entry, "category", context)).as("%s with %s", entry, input)
              .isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void expressionsAndTheirFailuresAsCamundasEngine() {
    var context = Variables.createVariables().putValue("days", 5).putValue("grade", "URGENT").asVariableContext();
    for (int round = 0; round < 2; round++) {
      assertThat((Object) cached.evaluateSimpleExpression("days * 2", context)).isEqualTo(
          camunda.evaluateSimpleExpression("days * 2", context));
      assertThat((Object) cached.evaluateSimpleExpression("if grade = \"URGENT\" then 2 else days", context))
          .isEqualTo(camunda.evaluateSimpleExpression("if grade = \"URGENT\" then 2 else days", context));
      assertThatThrownBy(() -> cached.evaluateSimpleExpression("days +* 2", context))
          .isInstanceOf(FeelException.class);
    }
  }

  @Test
  void builtInFunctionsBuiltOnceAnswerAsCamundasEngine() {
    var context = Variables.createVariables().putValue("days", 5).putValue("category", "IRRIGATION")
        .asVariableContext();
    String[] expressions = {"string length(category)", "upper case(category)", "date(\"2026-12-03\") + duration(\"P5D\")",
        "sum([days, 2, 3])", "contains(category, \"RIG\")", "list contains([\"ROADS\"], category)",
        "floor(days / 2)", "is defined(days)"};
    for (int round = 0; round < 2; round++) {
      for (String expression : expressions) {
        assertThat((Object) cached.evaluateSimpleExpression(expression, context)).as(expression)
            .isEqualTo(camunda.evaluateSimpleExpression(expression, context));
      }
      // an unknown function, and a function given the wrong kind of value, fail as in Camunda's engine
      assertThatThrownBy(() -> cached.evaluateSimpleExpression("no such function(days)", context))
          .isInstanceOf(FeelException.class);
      assertThat(cached.evaluateSimpleUnaryTests("string length(?) > 5", "category", context))
          .isEqualTo(camunda.evaluateSimpleUnaryTests("string length(?) > 5", "category", context)).isTrue();
      assertThat((Object) cached.evaluateSimpleExpression("now() != null", context)).isEqualTo(true);
    }
  }
}
