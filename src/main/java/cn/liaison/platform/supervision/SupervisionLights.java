package cn.liaison.platform.supervision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Service;

/**
 * Keeps an item's light while the engine runs it (called by the listeners and the 亮黄灯 delegate of this package).
 * The light lives in the item's timed scope: the process instance, or the scope that declares the variables (a
 * proposal's handling unit declares them as inputs, so each unit has its own); every change is copied onto the open
 * tasks of the process instance that see it.
 */
@Service
public class SupervisionLights {

  private final Clock clock;
  private final SupervisionProperties properties;
  private final Map<String, SupervisedDeadline> deadlines;

  SupervisionLights(Clock clock, SupervisionProperties properties, List<SupervisedDeadline> deadlines) {
    this.clock = clock;
    this.properties = properties;
    this.deadlines = deadlines.stream().collect(Collectors.toMap(SupervisedDeadline::processKey, Function.identity()));
  }

  /** The processes whose items carry a light, by key. */
  public Map<String, SupervisedDeadline> deadlines() {
    return deadlines;
  }

  /**
   * The item enters (or re-enters) its deadline: a new deadline starts a new period (green, yellow point at the
   * configured share of the time left); the same deadline again keeps the period and the light reached so far.
   * Past the deadline it is red, past the yellow point yellow.
   */
  void enter(DelegateExecution execution) {
    SupervisedDeadline deadline = deadlineOf(execution);
    Date due = (Date) execution.getVariable(deadline.dueVariable());
    if (due == null) {
      throw new IllegalStateException("三色督办: no deadline " + deadline.dueVariable() + " in " + deadline.processKey());
    }
    Instant now = clock.instant();
    Object plannedDue = execution.getVariable(SupervisionLight.DUE_AT_VAR);
    Object plannedYellow = execution.getVariable(SupervisionLight.YELLOW_AT_VAR);
    SupervisionLight current = SupervisionLight.of(execution.getVariable(SupervisionLight.VAR));
    Instant yellowAt;
    if (due.equals(plannedDue) && plannedYellow instanceof Date d) {
      yellowAt = d.toInstant();
    } else {
      current = null;
      yellowAt = yellowPoint(now, due.toInstant());
      execution.setVariable(SupervisionLight.YELLOW_AT_VAR, Date.from(yellowAt));
      execution.setVariable(SupervisionLight.DUE_AT_VAR, due);
    }
    SupervisionLight byTime = !now.isBefore(due.toInstant()) ? SupervisionLight.RED
        : !now.isBefore(yellowAt) ? SupervisionLight.YELLOW : SupervisionLight.GREEN;
    show(execution, byTime.max(current));
  }

  /** 催办 went out or the yellow point passed (YELLOW), the deadline passed or 督办 opened (RED): never lowers it. */
  void raise(DelegateExecution execution, SupervisionLight light) {
    SupervisionLight current = SupervisionLight.of(execution.getVariable(SupervisionLight.VAR));
    if (light.max(current) != current) {
      show(execution, light.max(current));
    }
  }

  /**
   * The item left its deadline (answered, rectified): no light any more. The period's plan (lightYellowAt,
   * lightDueAt) stays as it was — what the item was due for, in its history — and, as on any entering, only the same
   * deadline again would continue that period; removing it as well would cost two more history updates per item.
   */
  void clear(DelegateExecution execution) {
    execution.removeVariable(SupervisionLight.VAR);
    // items that entered before the text was kept on the tasks only still carry it in their scope
    execution.removeVariable(SupervisionLight.TEXT_VAR);
    copyToOpenTasks(execution);
  }

  /** The yellow point of a period from start to due (the start itself when the deadline has passed). */
  Instant yellowPoint(Instant start, Instant due) {
    Duration span = Duration.between(start, due);
    return span.isNegative() ? start : start.plus(span.multipliedBy(properties.yellowAtPercent()).dividedBy(100));
  }

  /**
   * The scope keeps the code only; the text (🟢 绿灯 正常 …) is what the open tasks' cards show, so only their copies
   * carry it — in the scope it would be one more variable with its history at every change, read by no one.
   */
  private void show(DelegateExecution execution, SupervisionLight light) {
    execution.setVariable(SupervisionLight.VAR, light.name());
    copyToOpenTasks(execution);
  }

  /**
   * Each open task of the process instance gets the light its own execution sees (or loses its copy), within the
   * engine's running command: no authorization applies to what the engine itself keeps current.
   */
  private void copyToOpenTasks(DelegateExecution execution) {
    List<TaskEntity> tasks = Context.getCommandContext().getTaskManager()
        .findTasksByProcessInstanceId(execution.getProcessInstanceId());
    for (TaskEntity task : tasks) {
      ExecutionEntity taskExecution = task.getExecution();
      if (task.isDeleted() || taskExecution == null || taskExecution.isEnded()) {
        continue; // the task just completed (the flow that changes the light often follows it)
      }
      SupervisionLight light = SupervisionLight.of(taskExecution.getVariable(SupervisionLight.VAR));
      if (light != null) {
        if (!light.name().equals(task.getVariableLocal(SupervisionLight.VAR))) {
          task.setVariableLocal(SupervisionLight.VAR, light.name());
          task.setVariableLocal(SupervisionLight.TEXT_VAR, light.text());
        }
      } else if (task.hasVariableLocal(SupervisionLight.VAR)) {
        task.removeVariableLocal(SupervisionLight.VAR);
        task.removeVariableLocal(SupervisionLight.TEXT_VAR);
      }
    }
  }

  private SupervisedDeadline deadlineOf(DelegateExecution execution) {
    String key = ((ExecutionEntity) execution).getProcessDefinition().getKey();
    SupervisedDeadline deadline = deadlines.get(key);
    if (deadline == null) {
      throw new IllegalStateException("三色督办: process " + key + " declares no SupervisedDeadline");
    }
    return deadline;
  }
}
