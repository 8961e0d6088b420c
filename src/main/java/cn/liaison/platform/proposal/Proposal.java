package cn.liaison.platform.proposal;

import java.time.Instant;

/** A deputy proposal (代表建议) as stored. */
public record Proposal(long id, String proposalNo, String title, String reasons, String content, String category,
    String leadDeputy, String createdBy, ProposalStatus status, String reviewComment, String handlingMode,
    String processInstanceId, Instant createdAt, Instant updatedAt) {

  /** A co-signer (联名代表) and what they decided: PENDING, AGREE, DECLINE or EXPIRED. */
  public record CoSigner(String deputyUserId, String decision, Instant decidedAt) {}

  /**
   * A unit the proposal is assigned to: role LEAD 主办, ASSIST 协办 or SEPARATE 分别办理, and what it answered: 办前联系
   * (contactedOn, contactWay), result A–D and the reply (a 协办's view to the 主办 is its replyText, without result).
   */
  public record Unit(String departmentCode, String role, Instant assignedAt, java.time.LocalDate contactedOn,
      String contactWay, String result, String replyText, Instant repliedAt) {

    public Unit(String departmentCode, String role, Instant assignedAt) {
      this(departmentCode, role, assignedAt, null, null, null, null, null);
    }
  }

  /** The lead deputy's evaluation of a round of answers: SATISFIED, BASICALLY_SATISFIED or DISSATISFIED. */
  public record Evaluation(int round, String rating, String comment, Instant evaluatedAt) {}

  /** One line of the timeline. */
  public record Event(ProposalStatus status, String title, String detail, String actor, Instant occurredAt) {}
}
