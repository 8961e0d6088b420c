package cn.liaison.platform.campaign.process;

import cn.liaison.platform.campaign.CampaignProcess.Var;
import cn.liaison.platform.campaign.CampaignSteps;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The thin delegates of rice-replanting-campaign.bpmn, one bean per service task: each maps variables to one
 * call of {@link CampaignSteps} and back.
 */
@Configuration(proxyBeanMethods = false)
class CampaignDelegates {

  @Bean
  JavaDelegate startHouseholdSignOffsDelegate(CampaignSteps steps) {
    return execution -> {
      Object shards = execution.getVariable(Var.HOUSEHOLD_START_SHARDS);
      if (shards == null) {
        // versions before the parallel start: one loop over the whole ledger
        execution.setVariable(Var.HOUSEHOLDS_REMAINING, steps.startNextSignOffs(code(execution), 0, 1));
      } else {
        // local to this shard's subprocess instance: the shards run in parallel jobs and must not share a variable
        execution.setVariableLocal(Var.SHARD_HOUSEHOLDS_REMAINING, steps.startNextSignOffs(code(execution),
            ((Number) execution.getVariable(Var.LOOP_COUNTER)).intValue(), ((Number) shards).intValue()));
      }
    };
  }

  @Bean
  JavaDelegate enterCampaignPhaseDelegate(CampaignSteps steps) {
    return execution -> steps.enterSignAndPlant(code(execution));
  }

  @Bean
  JavaDelegate endMobilisationDelegate(CampaignSteps steps) {
    return execution -> execution.setVariable(Var.OUTSTANDING_SUMMARY, steps.endMobilisation(code(execution)));
  }

  @Bean
  JavaDelegate composeSubsidyBatchDelegate(CampaignSteps steps) {
    // local: each cycle of the event subprocess has its own batch
    return execution -> execution.setVariableLocal(Var.SUBSIDY_BATCH_ID, steps.composeSubsidyBatch(code(execution)));
  }

  /** 最后一批补贴组批: the campaign's final batch (local, like every batch's id). */
  @Bean
  JavaDelegate composeFinalSubsidyBatchDelegate(CampaignSteps steps) {
    return execution -> execution.setVariableLocal(Var.SUBSIDY_BATCH_ID, steps.composeFinalSubsidyBatch(code(execution)));
  }

  /** 补发组批: an arrears batch of the households ready to be paid again (null when none is). */
  @Bean
  JavaDelegate composeArrearsBatchDelegate(CampaignSteps steps) {
    return execution -> execution.setVariableLocal(Var.SUBSIDY_BATCH_ID, steps.composeArrearsBatch(code(execution)));
  }

  /**
   * 核查欠发: how many planted households are neither paid nor written off, the list, and how long to wait before
   * looking again (the setting liaison.campaign.arrears-recheck, read each time so a changed setting applies).
   */
  @Bean
  JavaDelegate checkSubsidyArrearsDelegate(CampaignSteps steps,
      @Value("${liaison.campaign.arrears-recheck:P7D}") String recheck) {
    return execution -> {
      CampaignSteps.Arrears arrears = steps.checkArrears(code(execution));
      execution.setVariable(Var.UNPAID_HOUSEHOLDS, arrears.unpaidHouseholds());
      execution.setVariable(Var.ARREARS_SUMMARY, arrears.summary());
      execution.setVariable(Var.ARREARS_RECHECK, recheck);
    };
  }

  /** Versions deployed before the batch had its own process (review, per-household results) send from here. */
  @Bean
  JavaDelegate sendSubsidyBatchDelegate(CampaignSteps steps) {
    return execution -> steps.sendSubsidyBatchAsPaid(((Number) execution.getVariable(Var.SUBSIDY_BATCH_ID)).longValue());
  }

  @Bean
  JavaDelegate summariseCampaignDelegate(CampaignSteps steps) {
    return execution -> execution.setVariable(Var.SUMMARY, steps.summarise(code(execution)));
  }

  private static String code(DelegateExecution execution) {
    return (String) execution.getVariable(Var.CAMPAIGN_CODE);
  }
}
