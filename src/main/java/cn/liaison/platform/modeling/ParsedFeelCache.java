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
import org.camunda.feel.api.EvaluationFailureType;
import org.camunda.feel.context.Context;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.FunctionProvider;
import org.camunda.feel.context.FunctionProvider.CompositeFunctionProvider;
import org.camunda.feel.impl.interpreter.BuiltinFunctions;
import org.camunda.feel.impl.interpreter.EvalContext;
import org.camunda.feel.impl.interpreter.FeelInterpreter;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.context.VariableProvider.CompositeVariableProvider;
import org.camunda.feel.context.VariableProvider.StaticVariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValError;
import org.camunda.feel.syntaxtree.ValFatalError;
import org.camunda.feel.valuemapper.ValueMapper;

/**
 * Camunda's FEEL engine, parsing each expression once. Camunda 7.24's {@link ScalaFeelEngine} parses a decision
 * table's input entries and expressions on every evaluation (feel-scala's {@code evalUnaryTests} = parse + eval):
 * the triage table of every submission re-parsed its rules each time, a measurable share of a submission's CPU.
 * Here the parsed form (or the parse failure) is kept per expression text and evaluated exactly as feel-scala's
 * {@code evalUnaryTests} / {@code evalExpression} do, with the same context as Camunda's engine. Expressions come
 * from deployed models only; the cache is cleared if it ever holds more than {@link #LIMIT} texts.
 *
 * <p>The built-in functions are built once too: feel-scala 1.19's {@code FeelEngine.evaluate} builds its root
 * context, with a new {@link BuiltinFunctions} (some 150 functions gathered into maps), for every expression it
 * evaluates — per rule of a decision table, most of the table's CPU. Here one immutable set of functions serves
 * every evaluation, each with a fresh root context (its own failure collector), and the result is read as
 * {@code FeelEngine.evaluate} reads it (an assertion failure, an error or the unpacked value). Parsing already
 * validated the expression, so it is not validated again.
 */
final class ParsedFeelCache extends ScalaFeelEngine {

  static final int LIMIT = 10_000;

  private final java.util.Map<String, Either<Failure, ParsedExpression>> unaryTests = new ConcurrentHashMap<>();
  private final java.util.Map<String, Either<Failure, ParsedExpression>> expressions = new ConcurrentHashMap<>();

  private final ValueMapper valueMapper;
  private final FunctionProvider functions;
  private final FeelInterpreter interpreter;

  ParsedFeelCache(List<FeelCustomFunctionProvider> functionProviders) {
    super(functionProviders);
    valueMapper = feelEngine.valueMapper();
    functions = new CompositeFunctionProvider(
        toScalaList(new BuiltinFunctions(feelEngine.clock(), valueMapper), feelEngine.functionProvider()));
    interpreter = new FeelInterpreter(valueMapper);
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
    if (!(parsed instanceof Right<Failure, ParsedExpression> right)) {
      throw LOGGER.evaluationException(((Left<Failure, ParsedExpression>) parsed).value().message());
    }
    ParsedExpression expression = right.value();
    EvalContext evalContext = EvalContext.create(valueMapper, functions).merge(context);
    Val value;
    try {
      value = interpreter.eval(expression.expression(), evalContext);
    } catch (RuntimeException e) {
      throw LOGGER.evaluationException("failed to evaluate expression '" + expression.text() + "' : " + e);
    }
    var assertion = evalContext.failureCollector().failures()
        .find(f -> f.failureType() == EvaluationFailureType.ASSERT_FAILURE$.MODULE$);
    if (assertion.isDefined()) {
      throw LOGGER.evaluationException("Assertion failure on evaluate the expression '" + expression.text() + "': "
          + assertion.get().failureMessage());
    }
    if (value instanceof ValError error) {
      throw LOGGER.evaluationException("failed to evaluate expression '" + expression.text() + "': " + error.error());
    }
    if (value instanceof ValFatalError error) {
      throw LOGGER.evaluationException("failed to evaluate expression '" + expression.text() + "': " + error.error());
    }
    return valueMapper.unpackVal(value);
  }
}
