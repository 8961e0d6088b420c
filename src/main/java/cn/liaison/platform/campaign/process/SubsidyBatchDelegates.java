package cn.liaison.platform.campaign.process;

import cn.liaison.platform.campaign.CampaignProcess;
import cn.liaison.platform.campaign.CampaignProcess.Var;
import cn.liaison.platform.campaign.SubsidyPayments;
import cn.liaison.platform.system.ProcessInstanceRef;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The thin delegates and the task listener of subsidy-batch.bpmn. The batch is found from the process (bound to
 * it when it opens), never from a variable a task could set.
 */
@Configuration(proxyBeanMethods = false)
class SubsidyBatchDelegates {

  @Bean
  JavaDelegate openSubsidyBatchDelegate(SubsidyPayments payments) {
    return execution -> {
      ProcessInstanceRef.of(execution).require(CampaignProcess.SUBSIDY_BATCH_KEY, "补贴批次");
      payments.open(((Number) execution.getVariable(Var.SUBSIDY_BATCH_ID)).longValue(),
          execution.getProcessInstanceId());
    };
  }

  @Bean
  JavaDelegate deliverSubsidyBatchDelegate(SubsidyPayments payments) {
    return execution -> execution.setVariable(Var.BATCH_SETTLED,
        payments.deliver(execution.getProcessInstanceId()));
  }

  /** On create: what the batch holds, for the form; on complete: who checked it. */
  @Bean
  TaskListener subsidyBatchTaskListener(SubsidyPayments payments, IdentityService identity) {
    return task -> {
      String process = task.getProcessInstanceId();
      if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
        task.setVariablesLocal(payments.reviewTaskVariables(process));
      } else if (TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName())) {
        var who = identity.getCurrentAuthentication();
        payments.reviewed(process, CampaignProcess.Task.FINANCE_REVIEW_BATCH.equals(task.getTaskDefinitionKey()),
            who != null ? who.getUserId() : task.getAssignee());
      }
    };
  }
}
