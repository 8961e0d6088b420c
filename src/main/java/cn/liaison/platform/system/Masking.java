package cn.liaison.platform.system;

/** How personal data is shown to those who may not see it in full: one rule for every page and process form. */
public final class Masking {

  private Masking() {}

  /** 138****1234: the middle digits hidden; **** for a number too short to keep anything. */
  public static String phone(String phone) {
    return phone.length() >= 7 ? phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4) : "****";
  }

  /** 张**: the family name only. */
  public static String name(String name) {
    return name.isEmpty() ? name : name.charAt(0) + "**";
  }
}
