package cn.liaison.platform.opinion;

/** Where an opinion stands, as the citizen's tracking page shows it. */
public enum OpinionStatus {
  RECEIVED("收到"),
  SORTING("梳理中"),
  ANALYZING("研判中"),
  ASSIGNED("已交办"),
  TO_PROPOSAL("转代表建议办理"),
  REPLIED("已答复"),
  CLOSED("已办结"),
  REJECTED("不予受理"),
  DUPLICATE("重复件已合并");

  private final String label;

  OpinionStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The steps of the citizen's timeline, in order. */
  public static final java.util.List<OpinionStatus> TIMELINE =
      java.util.List.of(RECEIVED, SORTING, ANALYZING, ASSIGNED, REPLIED, CLOSED);
}
