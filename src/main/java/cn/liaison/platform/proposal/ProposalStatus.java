package cn.liaison.platform.proposal;

/** Where a deputy proposal stands, with the Chinese label people read. */
public enum ProposalStatus {
  CONFIRMING("待领衔代表确认"),
  CO_SIGNING("联名中"),
  REVIEWING("审核中"),
  REVISING("退回修改"),
  ACCEPTED("已受理，待交办"),
  ASSIGNED("已交办"),
  HANDLING("办理中"),
  ANSWERED("已答复，待代表评价"),
  CLOSED("已办结"),
  WITHDRAWN("已撤回"),
  TO_OPINION("转为意见办理");

  private final String label;

  ProposalStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
