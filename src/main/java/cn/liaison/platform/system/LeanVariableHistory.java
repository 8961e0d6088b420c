package cn.liaison.platform.system;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Full history, less what only repeats other history. Two things are left out:
 * <ul>
 * <li>the history of the task-local copies listed by the {@link TaskCardVariables} beans (the values a Tasklist card
 * or a form shows, copied to each user task so that whoever may work it may read them): they are copies of variables
 * or records that have their own history, and each copy cost two history rows at its task's creation and a read and
 * an update at its completion — a seventh of the opinion loop's statements;</li>
 * <li>the detail rows of start variables, below.</li>
 * </ul>
 * Full history writes each variable given at a process start twice: its historic variable (kept; Cockpit and the
 * audit trail show it) and a "variable changed" detail row with the same value. For the processes listed in
 * {@code liaison.history.start-details-omitted} (the household sign-off, started thousands at a time from the
 * ledger, and the opinion loop, started by every submission) the start values are also in the platform's own
 * tables (household, opinion), so that detail row is left out, for every variable set by the start command (up to
 * the first wait state; a decision taken on the way keeps its inputs and outputs in the decision history). Every
 * later change (forms, decisions, replies) keeps its detail. This is a third fewer history rows per start.
 */
@Component
class LeanVariableHistory extends AbstractProcessEnginePlugin {

  private final Set<String> processKeys;
  private final Map<String, Set<String>> cardVariables = new HashMap<>();

  LeanVariableHistory(
      @Value("${liaison.history.start-details-omitted:household-sign-off,opinion-loop}") Set<String> processKeys,
      List<TaskCardVariables> cards) {
    this.processKeys = Set.copyOf(processKeys);
    for (TaskCardVariables card : cards) {
      cardVariables.computeIfAbsent(card.processKey(), k -> new HashSet<>()).addAll(card.names());
    }
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomHistoryEventHandlers() == null) {
      configuration.setCustomHistoryEventHandlers(new ArrayList<>());
    }
    // this handler is the database history handler, with one difference: it replaces the default one
    configuration.setEnableDefaultDbHistoryEventHandler(false);
    configuration.getCustomHistoryEventHandlers().add(new WithoutStartDetails(processKeys, Map.copyOf(cardVariables)));
  }

  static final class WithoutStartDetails extends DbHistoryEventHandler {
    private final Set<String> processKeys;
    private final Map<String, Set<String>> cardVariables;

    WithoutStartDetails(Set<String> processKeys, Map<String, Set<String>> cardVariables) {
      this.processKeys = processKeys;
      this.cardVariables = cardVariables;
    }

    @Override
    public void handleEvent(HistoryEvent event) {
      if (event instanceof HistoricVariableUpdateEventEntity variable && isCardCopy(variable)) {
        return;
      }
      super.handleEvent(event);
    }

    private boolean isCardCopy(HistoricVariableUpdateEventEntity event) {
      if (event.getTaskId() == null) {
        return false;
      }
      Set<String> names = cardVariables.get(event.getProcessDefinitionKey());
      return names != null && names.contains(event.getVariableName());
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
