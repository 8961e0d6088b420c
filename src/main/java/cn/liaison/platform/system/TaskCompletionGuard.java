package cn.liaison.platform.system;

import cn.liaison.platform.calendar.Dates;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Applies the processes' task contracts ({@link TaskCompletionRules}) inside the engine, on every completion of
 * a user task of the platform's processes, whatever the entry point (Tasklist's submit-form, /engine-rest's
 * complete, Java):
 * <ul>
 *   <li>a built-in complete listener on every user task (added at parse time, so a model cannot leave it out)
 *       refuses a completion that carries a variable the task does not declare, or a value of the wrong type,
 *       and then checks the decision's rules;</li>
 *   <li>a command interceptor hands the completion's own variables to that listener (the engine has already
 *       merged them into the process scope when listeners run), refuses ending a platform task by BPMN error
 *       or escalation (that would skip the contract), and turns the listener's refusal, which the engine wraps,
 *       back into the {@link TaskDecisionRefused} that the REST layer answers with 400.</li>
 * </ul>
 * Task workers hold TASK_WORK, not UPDATE, so a completion is the only way they can write a variable.
 */
@Component
class TaskCompletionGuard extends AbstractProcessEnginePlugin {

  /** The variables of the completions under way on this thread (a completion may nest another). */
  private static final ThreadLocal<Deque<Submitted>> SUBMITTED = ThreadLocal.withInitial(ArrayDeque::new);

  record Submitted(String taskId, Map<String, TypedValue> variables) {}

  private final ObjectProvider<TaskCompletionRules> rules;

  TaskCompletionGuard(ObjectProvider<TaskCompletionRules> rules) {
    this.rules = rules;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> pre = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    pre.add(0, new CompletionInterceptor());
    configuration.setCustomPreCommandInterceptorsTxRequired(pre);
    var parseListeners = configuration.getCustomPostBPMNParseListeners() == null
        ? new ArrayList<org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener>()
        : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    parseListeners.add(new ContractParseListener());
    configuration.setCustomPostBPMNParseListeners(parseListeners);
  }

  /** The rule beans in order, resolved at the first completion (they are singletons; resolving them costs a bean lookup). */
  private volatile List<TaskCompletionRules> ordered;

  TaskCompletionRules rulesFor(String processDefinitionKey) {
    List<TaskCompletionRules> all = ordered;
    if (all == null) {
      all = rules.orderedStream().toList();
      ordered = all;
    }
    for (TaskCompletionRules r : all) {
      if (r.appliesTo(processDefinitionKey)) {
        return r;
      }
    }
    return null;
  }

  /** Adds the contract check to every user task of every deployed model. */
  private final class ContractParseListener extends AbstractBpmnParseListener {
    private final TaskListener contractCheck = TaskCompletionGuard.this::completing;

    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
      if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
        behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, contractCheck);
      }
    }
  }

  void completing(DelegateTask task) {
    TaskCompletionRules contract = rulesFor(ProcessInstanceRef.of(task.getExecution()).processKey());
    if (contract == null) {
      return; // not one of the platform's processes
    }
    Submitted submitted = SUBMITTED.get().stream().filter(s -> s.taskId().equals(task.getId())).findFirst()
        .orElse(null);
    Map<String, TaskField> accepted = contract.accepts(task.getTaskDefinitionKey());
    Map<String, String> errors = new LinkedHashMap<>();
    if (submitted != null) {
      submitted.variables().forEach((name, value) -> {
        TaskField field = accepted == null ? null : accepted.get(name);
        if (field == null) {
          errors.put(name, "此任务不接受变量“" + abbreviate(name) + "”");
        } else {
          String problem = typeProblem(field, value);
          if (problem != null) {
            errors.put(name, problem);
          }
        }
      });
    }
    if (!errors.isEmpty()) {
      throw new TaskDecisionRefused(errors);
    }
    contract.check(task.getTaskDefinitionKey(), task::getVariable);
  }

  /** Null when the value fits the field's type; otherwise the Chinese message. */
  static String typeProblem(TaskField field, TypedValue typed) {
    String wrongType = "“" + field.name() + "”的类型不正确，应为" + field.type().label();
    Object value;
    if (typed instanceof ObjectValue object) {
      // only a checklist may come as an object (Tasklist sends arrays as JSON); never a type of the sender's choice
      String typeName = object.getObjectTypeName();
      if (field.type() != TaskField.Type.LIST || typeName == null || !typeName.startsWith("java.util.")) {
        return wrongType;
      }
      value = object.isDeserialized() ? object.getValue() : object.getValueSerialized();
    } else {
      value = typed == null ? null : typed.getValue();
    }
    if (value == null) {
      return null; // a missing value is the rules' business
    }
    String text = value instanceof Collection<?> ? null : String.valueOf(value);
    if (text != null && text.length() > field.maxLength()) {
      return "“" + field.name() + "”不能超过 " + field.maxLength() + " 个字";
    }
    switch (field.type()) {
      case TEXT -> {
        return value instanceof String ? null : wrongType;
      }
      case CHOICE -> {
        if (!(value instanceof String)) {
          return wrongType;
        }
        return field.allowed().contains(text.strip()) ? null : "“" + field.name() + "”的取值不正确：" + abbreviate(text);
      }
      case INTEGER -> {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
          return null;
        }
        if (value instanceof Number n) {
          return n.doubleValue() == Math.rint(n.doubleValue()) ? null : wrongType;
        }
        return value instanceof String s && s.strip().matches("-?\\d{1,9}") ? null : wrongType;
      }
      case DECIMAL -> {
        if (value instanceof Number) {
          return null;
        }
        try {
          new BigDecimal(text.strip());
          return value instanceof String ? null : wrongType;
        } catch (NumberFormatException e) {
          return wrongType;
        }
      }
      case DATE -> {
        if (value instanceof java.util.Date || value instanceof String s && s.isBlank()) {
          return null; // a blank date is the rules' business, like a missing one
        }
        if (!(value instanceof String)) {
          return wrongType;
        }
        return Dates.isDate(value) ? null : "“" + field.name() + "”的日期格式应为 年-月-日，例如 2026-12-31";
      }
      case BOOLEAN -> {
        return value instanceof Boolean || Set.of("true", "false").contains(text) ? null : wrongType;
      }
      case LIST -> {
        List<String> items = TaskField.items(value);
        if (items == null) {
          return wrongType;
        }
        if (!field.allowed().isEmpty() && !field.allowed().containsAll(items)) {
          return "“" + field.name() + "”的取值不正确";
        }
        return String.join(",", items).length() > field.maxLength()
            ? "“" + field.name() + "”不能超过 " + field.maxLength() + " 个字" : null;
      }
      default -> {
        return wrongType;
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  /** Hands the completion's variables to the contract check and keeps the refusal a 400. */
  private final class CompletionInterceptor extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof HandleTaskBpmnErrorCmd || command instanceof HandleTaskEscalationCmd) {
        refuseShortcut(command);
      }
      Submitted submitted = submittedBy(command);
      if (submitted == null) {
        return next.execute(command);
      }
      Deque<Submitted> stack = SUBMITTED.get();
      stack.push(submitted);
      try {
        return next.execute(command);
      } catch (ProcessEngineException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
          if (t instanceof TaskDecisionRefused refused) {
            throw refused;
          }
          if (t instanceof ObjectVariableTypeGuard.TypeRefused type) {
            throw new TaskDecisionRefused(Map.of(type.variable, "“" + type.variable + "”的类型不正确"));
          }
        }
        throw e;
      } finally {
        stack.pop();
        if (stack.isEmpty()) {
          SUBMITTED.remove();
        }
      }
    }

    /** A platform task ends by its form, never by a BPMN error or escalation thrown at it from outside. */
    private void refuseShortcut(Command<?> command) {
      String taskId = (String) field(command, "taskId");
      if (taskId == null) {
        return;
      }
      // a lookup of its own: the caller's authorizations apply, so an unknown or foreign task stays the engine's answer
      var found = configuration.getTaskService().createTaskQuery().taskId(taskId).singleResult();
      if (found == null || found.getProcessDefinitionId() == null) {
        return;
      }
      String key = configuration.getRepositoryService()
          .getProcessDefinition(found.getProcessDefinitionId()).getKey();
      if (rulesFor(key) != null) {
        throw new TaskDecisionRefused(Map.of("task", "此任务只能通过办理表单完成，不能以 BPMN 错误或升级事件结束"));
      }
    }
  }

  private ProcessEngineConfigurationImpl configuration;

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
  }

  @SuppressWarnings("unchecked")
  static Submitted submittedBy(Command<?> command) {
    Object variables;
    if (command instanceof CompleteTaskCmd) {
      variables = field(command, "variables");
    } else if (command instanceof SubmitTaskFormCmd) {
      variables = field(command, "properties");
    } else {
      return null;
    }
    Map<String, TypedValue> typed = new LinkedHashMap<>();
    if (variables instanceof VariableMap map) {
      map.keySet().forEach(name -> typed.put(name, map.getValueTyped(name)));
    } else if (variables instanceof Map<?, ?> map) {
      map.forEach((name, value) -> typed.put(String.valueOf(name),
          value instanceof TypedValue t ? t : Variables.untypedValue(value)));
    }
    return new Submitted((String) field(command, "taskId"), typed);
  }

  /** The engine's commands keep their arguments in protected fields; TaskCompletionGuardTests pins the names. */
  static Object field(Object command, String name) {
    for (Class<?> c = command.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(command);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException(command.getClass().getName() + " has no field " + name);
  }
}
