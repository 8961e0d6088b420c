package cn.liaison.platform.opinion;

/** How an opinion reached the station. Only QR_CODE is open to citizens; the others are recorded by staff. */
public enum Channel {
  QR_CODE("扫码提交"), MOBILE_RECEPTION("流动接待"), FORUM("座谈会"), PHONE("电话");

  private final String label;

  Channel(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
