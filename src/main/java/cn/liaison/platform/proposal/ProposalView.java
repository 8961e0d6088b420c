package cn.liaison.platform.proposal;

import java.time.Instant;
import java.util.List;

/** A deputy proposal as its readers see it (GET /api/proposals/{no}): text, co-signers, units, status, timeline. */
public record ProposalView(String proposalNo, String title, String reasons, String content, String category,
    String categoryName, String leadDeputy, String leadDeputyName, String status, String statusLabel,
    String reviewComment, String handlingMode, String handlingModeLabel, Instant createdAt,
    List<CoSignerView> coSigners, List<UnitView> units, List<Proposal.Evaluation> evaluations,
    List<EventView> timeline, List<LinkedOpinion> linkedOpinions, List<LinkedForumSuggestion> forumSuggestions) {

  static ProposalView of(Proposal p, String categoryName, String leadName, List<CoSignerView> coSigners,
      List<UnitView> units, List<Proposal.Evaluation> evaluations, List<EventView> timeline,
      List<LinkedOpinion> linkedOpinions, List<LinkedForumSuggestion> forumSuggestions) {
    String modeLabel = p.handlingMode() == null ? null
        : "LEAD_ASSIST".equals(p.handlingMode()) ? "主办协办" : "分别办理";
    return new ProposalView(p.proposalNo(), p.title(), p.reasons(), p.content(), p.category(), categoryName,
        p.leadDeputy(), leadName, p.status().name(), p.status().label(), p.reviewComment(), p.handlingMode(),
        modeLabel, p.createdAt(), coSigners, units, evaluations, timeline, linkedOpinions, forumSuggestions);
  }

  /** A co-signer (联名代表) with the decision: PENDING 待确认, AGREE 同意联名, DECLINE 不联名, EXPIRED 逾期未确认. */
  public record CoSignerView(String userId, String name, String decision, String decisionLabel, Instant decidedAt) {
    static CoSignerView of(Proposal.CoSigner c, String name) {
      String label = switch (c.decision()) {
        case "AGREE" -> "同意联名";
        case "DECLINE" -> "不联名";
        case "EXPIRED" -> "逾期未确认";
        default -> "待确认";
      };
      return new CoSignerView(c.deputyUserId(), name, c.decision(), label, c.decidedAt());
    }
  }

  /**
   * A unit: role LEAD 主办, ASSIST 协办, SEPARATE 分别办理; its answer once given (办前联系, result class A–D with its label,
   * reply text; a 协办's view to the 主办 as replyText).
   */
  public record UnitView(String departmentCode, String name, String role, String roleLabel,
      java.time.LocalDate contactedOn, String contactWay, String result, String resultLabel, String replyText,
      Instant repliedAt) {
    static UnitView of(Proposal.Unit u, String name) {
      String label = switch (u.role()) {
        case "LEAD" -> "主办";
        case "ASSIST" -> "协办";
        default -> "分别办理";
      };
      return new UnitView(u.departmentCode(), name, u.role(), label, u.contactedOn(), u.contactWay(), u.result(),
          u.result() == null ? null : ProposalSteps.resultLabel(u.result()), u.replyText(), u.repliedAt());
    }
  }

  /** An opinion the proposal takes up; the contact masked (138****1234, 匿名), never the citizen's name. */
  public record LinkedOpinion(String ticketNo, String stationCode, String category, String categoryName,
      String content, String place, String contactMasked, String statusLabel) {}

  /** A suggestion the lead deputy made at an industry forum (座谈会) that the proposal takes up. */
  public record LinkedForumSuggestion(long id, String forumNo, String category, String categoryName,
      String content) {}

  public record EventView(String status, String title, String detail, Instant occurredAt) {
    static EventView of(Proposal.Event e) {
      return new EventView(e.status().name(), e.title(), e.detail(), e.occurredAt());
    }
  }
}
