package cn.liaison.platform.campaign.process;

import cn.liaison.platform.campaign.CampaignProcess;
import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * A campaign starts thousands of household sign-offs at once, each with a dozen variables copied from the ledger
 * (household, village, plots, due date). Full history would write each of them twice: its historic variable
 * (kept, Cockpit shows it) and a "variable changed" detail row. For the variables given when a sign-off starts the
 * detail repeats the historic variable and the ledger row, so it is left out; every later change (visits, forms,
 * signing, planting) keeps its detail as before. This is a third fewer history rows per start.
 */
@Component
class HouseholdStartHistory extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomHistoryEventHandlers() == null) {
      configuration.setCustomHistoryEventHandlers(new ArrayList<>());
    }
    // this handler is the database history handler, with one difference: it replaces the default one
    configuration.setEnableDefaultDbHistoryEventHandler(false);
    configuration.getCustomHistoryEventHandlers().add(new WithoutStartDetails());
  }

  static final class WithoutStartDetails extends DbHistoryEventHandler {
    @Override
    protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
      return super.shouldWriteHistoricDetail(event) && !startOfSignOff(event);
    }

    private static boolean startOfSignOff(HistoricVariableUpdateEventEntity event) {
      if (!CampaignProcess.HOUSEHOLD_KEY.equals(event.getProcessDefinitionKey())) {
        return false;
      }
      var invocation = Context.getCommandInvocationContext();
      return invocation != null && invocation.getCommand() instanceof StartProcessInstanceCmd;
    }
  }
}
