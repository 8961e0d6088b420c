package cn.liaison.platform.privacy;

import cn.liaison.platform.audit.AuditAction;
import cn.liaison.platform.audit.AuditSubject;
import cn.liaison.platform.audit.AuditTrail;
import cn.liaison.platform.opinion.OpinionPrivacy;
import cn.liaison.platform.opinion.Opinions;
import cn.liaison.platform.reception.Receptions;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 删除个人信息 of one opinion at the citizen's request, everywhere the platform keeps the citizen's words: the opinion
 * (contact, text, place, the citizen's remarks on replies), the topic of the reception visit that took it, and the
 * process engine's data of its opinion loop (running variables, variable history, form submissions, decision inputs).
 * One transaction with its audit row: all or nothing. A second erasure is refused with 409.
 */
@Service
public class Erasure {

  /** What the erasure replaced, for the caller's answer (counts only). */
  public record Done(String ticketNo, int visitTopics, int processValues) {}

  private final OpinionPrivacy opinions;
  private final Receptions receptions;
  private final ProcessHistoryEraser history;
  private final AuditTrail audit;

  Erasure(OpinionPrivacy opinions, Receptions receptions, ProcessHistoryEraser history, AuditTrail audit) {
    this.opinions = opinions;
    this.receptions = receptions;
    this.history = history;
    this.audit = audit;
  }

  /**
   * Erases for {@code user} (a member of {@code groups}). 404 unknown ticket, 403 not the staff of the opinion's
   * station, 400 no reason, 409 erased before.
   */
  @Transactional
  public Done eraseOpinion(String ticketNo, String reason, String user, Collection<String> groups) {
    OpinionPrivacy.Erased erased = opinions.erase(ticketNo, reason, user, groups);
    int topics = receptions.eraseVisitTopicOf(erased.ticketNo(), Opinions.ERASED);
    ProcessHistoryEraser.Replaced replaced = history.erase(erased.processInstanceId(),
        OpinionPrivacy.PROCESS_VARIABLES, List.of(erased.formerContent(), erased.formerPlace()), Opinions.ERASED);
    audit.recordBy(user, AuditAction.OPINION_ERASED, AuditSubject.opinion(erased.ticketNo()), erased.stationCode(),
        "应群众要求删除个人信息（联系方式、意见内容和地点）", "原因：" + reason.strip() + "；接待登记事由 " + topics
            + " 条；流程数据：运行中变量 " + replaced.runningVariables() + "，历史变量 " + replaced.historicVariables()
            + "，变量变更记录 " + replaced.historicDetails() + "，决策输入输出 " + replaced.decisionValues());
    return new Done(erased.ticketNo(), topics, replaced.total());
  }
}
