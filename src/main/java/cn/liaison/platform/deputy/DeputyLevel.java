package cn.liaison.platform.deputy;

/** The people's congress a deputy was elected to (五级人大代表). */
public enum DeputyLevel {
  NATIONAL("全国人大代表"),
  PROVINCIAL("省人大代表"),
  CITY("市人大代表"),
  COUNTY("县级人大代表"),
  TOWNSHIP("乡镇人大代表");

  private final String label;

  DeputyLevel(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
