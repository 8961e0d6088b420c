package cn.liaison.platform.opinion;

import cn.liaison.platform.notification.Notifier;
import cn.liaison.platform.opinion.OpinionLoopProcess.Message;
import cn.liaison.platform.opinion.OpinionLoopProcess.Var;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Opinions an analyst routed to a deputy proposal (研判路径 转为代表建议), as the proposal feature sees them: which ones
 * wait for a proposal, their linking to one (the citizen reads "已转为代表建议《…》"), and how their loops go on — with
 * the proposal's answer (message Message_ProposalReplied, then the citizen evaluates it), or back to 分析研判 as an
 * ordinary opinion when no proposal takes them up (the same message with proposalDeclined = true and the reason).
 */
@Service
public class OpinionProposals {

  private static final Logger log = LoggerFactory.getLogger(OpinionProposals.class);

  private final Opinions opinions;
  private final RuntimeService runtime;
  private final Notifier notifier;
  private final org.camunda.bpm.engine.RepositoryService repository;

  OpinionProposals(Opinions opinions, RuntimeService runtime, Notifier notifier,
      org.camunda.bpm.engine.RepositoryService repository) {
    this.repository = repository;
    this.opinions = opinions;
    this.runtime = runtime;
    this.notifier = notifier;
  }

  /** A station's opinions that wait for a proposal (the candidates of the proposal pool, before linked ones are left out). */
  public List<Opinion> waiting(String stationCode) {
    return opinions.waitingForProposal(stationCode).stream().filter(this::waitsForProposal).toList();
  }

  /** The opinion of a ticket, if it waits for a proposal (routed TO_PROPOSAL, its loop at 等待代表建议答复). */
  public Optional<Opinion> waitingOpinion(String ticketNo) {
    return opinions.findByTicket(ticketNo).filter(o -> o.status() == OpinionStatus.TO_PROPOSAL)
        .filter(this::waitsForProposal);
  }

  private boolean canGoBack(Opinion o) {
    String definitionId = runtime.createProcessInstanceQuery().processInstanceId(o.processInstanceId()).singleResult()
        .getProcessDefinitionId();
    return repository.getBpmnModelInstance(definitionId)
        .getModelElementById(OpinionLoopProcess.Task.BACK_FROM_PROPOSAL) != null;
  }

  private boolean waitsForProposal(Opinion o) {
    return o.processInstanceId() != null && runtime.createEventSubscriptionQuery()
        .processInstanceId(o.processInstanceId()).eventName(Message.PROPOSAL_REPLIED).count() > 0;
  }

  /** The opinion became part of a proposal: the citizen's tracking page says so. */
  public void linked(long opinionId, String proposalNo, String title, String actor) {
    String text = "您的意见已转为代表建议《" + title + "》（编号 " + proposalNo + "），办理答复后将告知您。";
    opinions.addEvent(opinionId, OpinionStatus.TO_PROPOSAL, "已转为代表建议《" + title + "》", text, true, actor);
    notifier.notifyCitizen(OpinionHandling.subject(opinionId), "proposal-linked:" + opinionId + ":" + proposalNo,
        "意见已转为代表建议", text);
  }

  /**
   * The proposal was answered: the opinion's loop records the answer and waits for the citizen's evaluation. False
   * when the loop no longer waits (nothing is sent; idempotent for a repeated step).
   */
  public boolean answer(String ticketNo, ReplyResult result, String text) {
    return correlate(ticketNo, false, result, text);
  }

  /** No proposal takes the opinion up: its loop goes back to 分析研判 as an ordinary opinion, with the reason. */
  public boolean decline(String ticketNo, String reason) {
    return correlate(ticketNo, true, null, reason);
  }

  private boolean correlate(String ticketNo, boolean declined, ReplyResult result, String text) {
    Opinion o = opinions.findByTicket(ticketNo).orElse(null);
    if (o == null || !waitsForProposal(o)) {
      log.warn("opinion {} no longer waits for its proposal: nothing sent", ticketNo);
      return false;
    }
    if (declined && !canGoBack(o)) {
      // an opinion still on version 1 of the loop would take the reason for the proposal's answer
      log.warn("opinion {} runs on a version of {} without {}: it stays waiting for its proposal", ticketNo,
          OpinionLoopProcess.KEY, OpinionLoopProcess.Task.BACK_FROM_PROPOSAL);
      return false;
    }
    var correlation = runtime.createMessageCorrelation(Message.PROPOSAL_REPLIED).processInstanceId(o.processInstanceId())
        .setVariable(Var.PROPOSAL_DECLINED, declined)
        .setVariable(Var.REPLY_TEXT, text);
    if (result != null) {
      correlation.setVariable(Var.REPLY_RESULT, result.name());
    }
    correlation.correlateWithResult();
    return true;
  }
}
