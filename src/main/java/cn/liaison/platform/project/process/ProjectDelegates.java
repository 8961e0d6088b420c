package cn.liaison.platform.project.process;

import cn.liaison.platform.project.Project.Milestone;
import cn.liaison.platform.project.ProjectProcess;
import cn.liaison.platform.project.ProjectProcess.Task;
import cn.liaison.platform.project.ProjectProcess.Var;
import cn.liaison.platform.project.ProjectService;
import cn.liaison.platform.system.ProcessInstanceRef;
import cn.liaison.platform.system.TaskCardVariables;
import java.time.ZoneId;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The thin delegates and the task listener of project-supervision.bpmn. The project is found from the process
 * instance (its business key), the milestone from the multi-instance's element (checked to be the project's); who
 * completed a task is the authenticated user.
 */
@Configuration(proxyBeanMethods = false)
class ProjectDelegates {

  /** 准备节点检查: the milestone's name and due date (the start of that day), local to its instance. */
  @Bean
  JavaDelegate prepareMilestoneDelegate(ProjectService projects, cn.liaison.platform.calendar.WorkingDayCalendar calendar) {
    return execution -> {
      Milestone m = projects.milestoneOf(ProcessInstanceRef.of(execution), execution.getVariable(Var.MILESTONE_ID));
      ZoneId zone = calendar.zone();
      execution.setVariableLocal(Var.MILESTONE_NAME, m.name());
      execution.setVariableLocal(Var.MILESTONE_DUE, java.util.Date.from(m.due().atStartOfDay(zone).toInstant()));
      execution.setVariableLocal(Var.MILESTONE_DUE_TEXT, m.due().toString());
    };
  }

  /** The cards of 项目督查: copies local to each task, which write no history (the originals have theirs). */
  @Bean
  static TaskCardVariables projectTaskCards() {
    return TaskCardVariables.of(ProjectProcess.KEY, Var.PROJECT_CODE, Var.PROJECT_NAME, Var.MILESTONE_NAME);
  }

  /**
   * On create: the cards' local copies; 节点检查 marks the milestone 待检查, 项目验收 the project 待验收 with its figures.
   * On complete: the inspection or the acceptance stored (already checked by ProjectTaskRules).
   */
  @Bean
  TaskListener projectTaskListener(ProjectService projects) {
    return task -> {
      String key = task.getTaskDefinitionKey();
      ProcessInstanceRef ref = ProcessInstanceRef.of(task.getExecution());
      if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
        if (Task.INSPECT.equals(key)) {
          TaskCardVariables.copy(task, Var.PROJECT_CODE, Var.PROJECT_NAME, Var.MILESTONE_NAME);
          projects.milestoneDue(ref, task.getVariable(Var.MILESTONE_ID));
          for (String name : new String[] {Var.INSPECTED_ON, Var.FINDINGS, Var.MILESTONE_STATUS, Var.FARMERS_VISITED,
              Var.FARMERS_SAID, Var.PROBLEMS}) {
            task.getExecution().removeVariable(name);
          }
        } else if (Task.ACCEPT.equals(key)) {
          TaskCardVariables.copy(task, Var.PROJECT_CODE, Var.PROJECT_NAME);
          projects.accepting(ref);
          task.setVariableLocal(Var.FIGURES_TEXT, projects.figuresText(ref));
        }
        return;
      }
      if (!TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName())) {
        return;
      }
      switch (key) {
        case Task.INSPECT -> projects.inspected(ref, task.getVariable(Var.MILESTONE_ID),
            task.getVariable(Var.INSPECTED_ON), text(task, Var.FINDINGS), text(task, Var.MILESTONE_STATUS),
            task.getVariable(Var.FARMERS_VISITED), text(task, Var.FARMERS_SAID), task.getVariable(Var.PROBLEMS),
            actor(task));
        case Task.ACCEPT -> projects.accepted(ref, text(task, Var.ACCEPTANCE_OPINION), actor(task));
        default -> { }
      }
    };
  }

  static String text(DelegateTask task, String name) {
    Object v = task.getVariable(name);
    return v == null || v.toString().isBlank() ? null : v.toString().strip();
  }

  static String actor(DelegateTask task) {
    Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (auth != null && auth.getUserId() != null) {
      return auth.getUserId();
    }
    return task.getAssignee() != null ? task.getAssignee() : "system";
  }
}
