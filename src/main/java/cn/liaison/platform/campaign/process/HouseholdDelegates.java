package cn.liaison.platform.campaign.process;

import cn.liaison.platform.calendar.Dates;
import cn.liaison.platform.campaign.CampaignProcess;
import cn.liaison.platform.campaign.CampaignProcess.Var;
import cn.liaison.platform.campaign.HouseholdSteps;
import cn.liaison.platform.campaign.HouseholdTaskRules;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import cn.liaison.platform.system.ProcessInstanceRef;
import cn.liaison.platform.system.TaskCardVariables;
import cn.liaison.platform.campaign.CampaignProcess.VisitOutcome;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The thin delegates and the task listener of household-sign-off.bpmn. */
@Configuration(proxyBeanMethods = false)
class HouseholdDelegates {

  /** What HouseholdSteps.taskVariables puts on each household task, from the ledger (户编号, 村, 片区, 走访次数, 地块). */
  @Bean
  static TaskCardVariables householdTaskCards() {
    return TaskCardVariables.of(CampaignProcess.HOUSEHOLD_KEY, Var.HOUSEHOLD_NO, Var.VILLAGE, Var.AREA,
        Var.VISIT_COUNT, Var.PLOTS_SUMMARY);
  }

  @Bean
  TaskListener householdTaskListener(HouseholdSteps steps,
      cn.liaison.platform.calendar.WorkingDayCalendar calendar, cn.liaison.platform.campaign.SubsidyPayments payments) {
    return task -> {
      long id = householdId(steps, task.getExecution());
      if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
        if (CampaignProcess.Task.VISIT.equals(task.getTaskDefinitionKey())) {
          steps.visitTaskCreated(id);
        } else if (CampaignProcess.Task.SIGN_AGREEMENT.equals(task.getTaskDefinitionKey())) {
          task.getExecution().setVariable("plotOptions", steps.plotOptions(id));
        } else if (CampaignProcess.Task.CONFIRM_PAYMENT_ACCOUNT.equals(task.getTaskDefinitionKey())) {
          // why the bank did not pay, for the deputy who checks with the household (no account data)
          task.setVariablesLocal(payments.confirmationTaskVariables(id));
        }
        // what the 我的包户 cards and the form show, readable by whoever may work the task (no personal data)
        task.setVariablesLocal(steps.taskVariables(id));
        return;
      }
      if (!TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName())) {
        return;
      }
      // the decision itself was checked by the engine's completion guard (HouseholdTaskRules) before this runs
      completed(task, id, steps, calendar.zone());
    };
  }

  /**
   * The station's tasks of the campaign itself (扫尾收关): their decisions are checked by the engine's completion
   * guard (HouseholdTaskRules). The current model names no listener; this no-op stays for campaigns still running
   * on versions deployed before, whose 扫尾收关 names it.
   */
  @Bean
  TaskListener campaignTaskListener() {
    return task -> { };
  }

  private static void completed(DelegateTask task, long id, HouseholdSteps steps, ZoneId zone) {
    switch (task.getTaskDefinitionKey()) {
      case CampaignProcess.Task.VISIT -> {
        VisitOutcome outcome = VisitOutcome.valueOf(String.valueOf(task.getVariable(Var.VISIT_OUTCOME)));
        List<String> reasons = outcome == VisitOutcome.UNWILLING
            ? HouseholdTaskRules.values(task.getVariable(Var.UNWILLING_REASONS)) : List.of();
        Object note = task.getVariable(Var.VISIT_NOTE);
        int count = steps.visited(id, outcome, reasons, note == null ? null : note.toString());
        task.getExecution().setVariable(Var.VISIT_COUNT, count);
        if (outcome != VisitOutcome.WILLING) {
          // the revisit timers' durations, set when a revisit is coming
          task.getExecution().setVariables(steps.revisitDurations());
        }
      }
      case CampaignProcess.Task.RECORD_GUIDANCE -> steps.guidanceGiven(id);
      case CampaignProcess.Task.SIGN_AGREEMENT -> steps.agreementSigned(id,
          task.getVariable(Var.AGREEMENT_NO).toString().strip(), HouseholdTaskRules.values(task.getVariable(Var.SIGNED_PLOTS)),
          new BigDecimal(task.getVariable(Var.SIGNED_MU).toString()));
      case CampaignProcess.Task.CONFIRM_PLANTING -> steps.plantingConfirmed(id,
          new BigDecimal(task.getVariable(Var.PLANTED_MU).toString()), Dates.parse(task.getVariable(Var.PLANTED_ON), zone));
      default -> { }
    }
  }

  @Bean
  JavaDelegate requestGuidanceDelegate(HouseholdSteps steps) {
    return execution -> steps.requestGuidance(householdId(steps, execution), execution.getProcessInstanceId(),
        ((Number) execution.getVariable(Var.VISIT_COUNT)).intValue());
  }

  @Bean
  JavaDelegate registerTechnicalGuidanceDelegate(HouseholdSteps steps) {
    return execution -> steps.registerTechnicalGuidance(householdId(steps, execution), execution.getProcessInstanceId());
  }

  @Bean
  JavaDelegate scheduleWaterDelegate(HouseholdSteps steps) {
    return execution -> steps.scheduleWater(householdId(steps, execution), execution.getProcessInstanceId());
  }

  @Bean
  JavaDelegate recordNotConvertedDelegate(HouseholdSteps steps) {
    return execution -> steps.notConverted(householdId(steps, execution));
  }

  @Bean
  JavaDelegate signOffHouseholdDelegate(HouseholdSteps steps) {
    return execution -> steps.signOff(householdId(steps, execution));
  }

  /** The household of this process instance, found from the process, never from a variable a user could set. */
  static long householdId(HouseholdSteps steps, DelegateExecution execution) {
    return steps.householdOf(ProcessInstanceRef.of(execution), execution.getVariable(Var.HOUSEHOLD_ID));
  }
}
