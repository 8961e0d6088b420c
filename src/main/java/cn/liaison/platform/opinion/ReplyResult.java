package cn.liaison.platform.opinion;

/** A department's result (办理结果). */
public enum ReplyResult {
  SOLVED("已解决"), PARTLY_SOLVED("部分解决"), UNSOLVED("无法解决");

  private final String label;

  ReplyResult(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
