package cn.liaison.platform.system;

import java.util.regex.Pattern;

/** A mainland mobile number (11 digits, 13x–19x), as citizens give it and as ledgers list it. */
public final class MobileNumbers {

  private static final Pattern MOBILE = Pattern.compile("^1[3-9]\\d{9}$");

  private MobileNumbers() {
  }

  /** Whether the text, as given (no spaces or prefixes), is a mobile number. */
  public static boolean isMobile(String text) {
    return text != null && MOBILE.matcher(text).matches();
  }
}
