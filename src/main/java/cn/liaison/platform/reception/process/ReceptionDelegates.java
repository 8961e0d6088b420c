package cn.liaison.platform.reception.process;

import cn.liaison.platform.reception.ReceptionProcess;
import cn.liaison.platform.reception.ReceptionProcess.Var;
import cn.liaison.platform.reception.ReceptionService;
import cn.liaison.platform.system.ProcessInstanceRef;
import cn.liaison.platform.system.TaskCardVariables;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The thin delegates and the task listener of mobile-reception.bpmn. The session is found from the process instance
 * (its business key), never from a variable.
 */
@Configuration(proxyBeanMethods = false)
class ReceptionDelegates {

  /** 开始接待: at the start time the session is open for visits. */
  @Bean
  JavaDelegate openReceptionDelegate(ReceptionService receptions) {
    return execution -> receptions.sessionOpens(ProcessInstanceRef.of(execution));
  }

  /** 结束接待: at the end time (or when a deputy on duty ended it) the summary is next. */
  @Bean
  JavaDelegate endReceptionDelegate(ReceptionService receptions) {
    return execution -> receptions.sessionEnds(ProcessInstanceRef.of(execution));
  }

  /** 保存接待小结: what 接待小结 holds (checked by ReceptionTaskRules when it was completed). */
  @Bean
  JavaDelegate saveReceptionSummaryDelegate(ReceptionService receptions) {
    return execution -> {
      Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
      receptions.summarize(ProcessInstanceRef.of(execution), String.valueOf(execution.getVariable(Var.SUMMARY)),
          text(execution.getVariable(Var.TOWN_ISSUES)), text(execution.getVariable(Var.SAFETY_HAZARDS)),
          text(execution.getVariable(Var.PETITION_SIGNS)), user == null ? "system" : user.getUserId());
    };
  }

  /** The cards of 流动接待 (今日接待) and 接待小结: copies, so they write no history of their own. */
  @Bean
  static TaskCardVariables receptionTaskCards() {
    return TaskCardVariables.of(ReceptionProcess.KEY, Var.RECEPTION_NO, Var.THEME, Var.PLACE, Var.TIME_TEXT,
        Var.KIND_LABEL, Var.STATION_NAME, Var.FIELD_PAGE, Var.FIGURES_TEXT);
  }

  /**
   * On 流动接待 created: what the card in 今日接待 shows and the phone page's address, as task variables (the deputies
   * on duty may read the task, not the instance). On 接待小结 created: the session's figures so far.
   */
  @Bean
  TaskListener receptionTaskListener(ReceptionService receptions) {
    return task -> {
      String key = task.getTaskDefinitionKey();
      if (ReceptionProcess.Task.RECEIVE_VISITORS.equals(key)) {
        TaskCardVariables.copy(task, Var.RECEPTION_NO, Var.THEME, Var.PLACE, Var.TIME_TEXT, Var.KIND_LABEL,
            Var.STATION_NAME, Var.FIELD_PAGE);
      } else if (ReceptionProcess.Task.SUMMARIZE.equals(key)) {
        task.setVariableLocal(Var.FIGURES_TEXT, receptions.figuresText(ProcessInstanceRef.of(task.getExecution())));
      }
    };
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
