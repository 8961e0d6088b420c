package cn.liaison.platform.system;

/** Reading an enum constant from a request's text. */
public final class Enums {

  private Enums() {
  }

  /** The constant named by value (surrounding blanks ignored); null when the value is blank or names none. */
  public static <E extends Enum<E>> E parse(Class<E> type, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.strip());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
