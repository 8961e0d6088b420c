package cn.liaison.platform.modeling;

import camundajar.impl.scala.collection.immutable.Map;
import camundajar.impl.scala.runtime.BoxesRunTime;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import camundajar.impl.scala.util.Right;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.context.Context;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.context.VariableProvider.CompositeVariableProvider;
import org.camunda.feel.context.VariableProvider.StaticVariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * Camunda's FEEL engine, parsing each expression once. Camunda 7.24's {@link ScalaFeelEngine} parses a decision
 * table's input entries and expressions on every evaluation (feel-scala's {@code evalUnaryTests} = parse + eval):
 * the triage table of every submission re-parsed its rules each time, a measurable share of a submission's CPU.
 * Here the parsed form (or the parse failure) is kept per expression text and evaluated exactly as feel-scala's
 * {@code evalUnaryTests} / {@code evalExpression} do, with the same context as Camunda's engine. Expressions come
 * from deployed models only; the cache is cleared if it ever holds more than {@link #LIMIT} texts.
 */
final class ParsedFeelCache extends ScalaFeelEngine {

  static final int LIMIT = 10_000;

  private final java.util.Map<String, Either<Failure, ParsedExpression>> unaryTests = new ConcurrentHashMap<>();
  private final java.util.Map<String, Either<Failure, ParsedExpression>> expressions = new ConcurrentHashMap<>();

  ParsedFeelCache(List<FeelCustomFunctionProvider> functionProviders) {
    super(functionProviders);
  }

  /** The DMN engine's factory: function providers are read when the engine is built, as Camunda's factory does. */
  static FeelEngineFactory factory(Supplier<List<FeelCustomFunctionProvider>> functionProviders) {
    return () -> new ParsedFeelCache(functionProviders.get() == null ? List.of() : functionProviders.get());
  }

  @Override
  public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
    CustomContext context = new CustomContext() {
      @Override
      public VariableProvider variableProvider() {
        return new ContextVariableWrapper(variableContext);
      }
    };
    @SuppressWarnings("unchecked")
    T value = (T) evaluate(parsed(expressions, expression, feelEngine::parseExpression), context);
    return value;
  }

  @Override
  public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variableContext) {
    StaticVariableProvider input = new StaticVariableProvider(new Map.Map1<>(INPUT_VARIABLE_NAME, inputVariable));
    ContextVariableWrapper variables = new ContextVariableWrapper(variableContext);
    CustomContext context = new CustomContext() {
      @Override
      public VariableProvider variableProvider() {
        return new CompositeVariableProvider(toScalaList(input, variables));
      }
    };
    return BoxesRunTime.unboxToBoolean(evaluate(parsed(unaryTests, expression, feelEngine::parseUnaryTests),
        context));
  }

  private static Either<Failure, ParsedExpression> parsed(java.util.Map<String, Either<Failure, ParsedExpression>> cache,
      String expression, Function<String, Either<Failure, ParsedExpression>> parse) {
    Either<Failure, ParsedExpression> parsed = cache.get(expression);
    if (parsed == null) {
      parsed = parse.apply(expression);
      if (cache.size() >= LIMIT) {
        cache.clear();
      }
      cache.put(expression, parsed);
    }
    return parsed;
  }

  private Object evaluate(Either<Failure, ParsedExpression> parsed, Context context) {
    Either<Failure, Object> result = parsed instanceof Right<Failure, ParsedExpression> right
        ? feelEngine.eval(right.value(), context)
        : new Left<>(((Left<Failure, ParsedExpression>) parsed).value());
    if (result instanceof Right<Failure, Object> value) {
      return value.value();
    }
    throw LOGGER.evaluationException(((Left<Failure, Object>) result).value().message());
  }
}
