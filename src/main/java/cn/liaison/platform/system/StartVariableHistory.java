package cn.liaison.platform.system;

import java.util.ArrayList;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Full history writes each variable given at a process start twice: its historic variable (kept; Cockpit and the
 * audit trail show it) and a "variable changed" detail row with the same value. For the processes listed in
 * {@code liaison.history.start-details-omitted} (the household sign-off, started thousands at a time from the
 * ledger, and the opinion loop, started by every submission) the start values are also in the platform's own
 * tables (household, opinion), so that detail row is left out, for every variable set by the start command (up to
 * the first wait state; a decision taken on the way keeps its inputs and outputs in the decision history). Every
 * later change (forms, decisions, replies) keeps its detail. This is a third fewer history rows per start.
 */
@Component
class StartVariableHistory extends AbstractProcessEnginePlugin {

  private final Set<String> processKeys;

  StartVariableHistory(
      @Value("${liaison.history.start-details-omitted:household-sign-off,opinion-loop}") Set<String> processKeys) {
    this.processKeys = Set.copyOf(processKeys);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomHistoryEventHandlers() == null) {
      configuration.setCustomHistoryEventHandlers(new ArrayList<>());
    }
    // this handler is the database history handler, with one difference: it replaces the default one
    configuration.setEnableDefaultDbHistoryEventHandler(false);
    configuration.getCustomHistoryEventHandlers().add(new WithoutStartDetails(processKeys));
  }

  static final class WithoutStartDetails extends DbHistoryEventHandler {
    private final Set<String> processKeys;

    WithoutStartDetails(Set<String> processKeys) {
      this.processKeys = processKeys;
    }

    @Override
    protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
      return super.shouldWriteHistoricDetail(event) && !atStart(event);
    }

    private boolean atStart(HistoricVariableUpdateEventEntity event) {
      if (!processKeys.contains(event.getProcessDefinitionKey())) {
        return false;
      }
      var invocation = Context.getCommandInvocationContext();
      return invocation != null && invocation.getCommand() instanceof StartProcessInstanceCmd;
    }
  }
}
