package cn.liaison.platform.system;

import org.camunda.bpm.engine.identity.User;

/** How the platform writes a person's name: family name then given name, as in Chinese (张 + 志强 = 张志强). */
public final class DisplayNames {

  private DisplayNames() {}

  /** 姓 + 名 of a Camunda user, trimmed; empty when neither is set. */
  public static String of(User user) {
    return (nullToEmpty(user.getLastName()) + nullToEmpty(user.getFirstName())).strip();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
