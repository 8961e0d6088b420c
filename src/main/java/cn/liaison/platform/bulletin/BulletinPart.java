package cn.liaison.platform.bulletin;

/** The three texts of a bulletin that staff edit, in the order they print. */
public enum BulletinPart {
  HEADER("刊头与目录", "期号、发文单位、日期、专辑标题，以及各篇的目录"),
  SECTION("各联络站一篇", "每个联络站按此写一篇，数字取自统计；第一行以 ## 开头的是该篇标题，也进目录"),
  CLOSING("供稿、分送与印发", "供稿单位、送/发范围和印发单位");

  private final String label;
  private final String hint;

  BulletinPart(String label, String hint) {
    this.label = label;
    this.hint = hint;
  }

  public String label() {
    return label;
  }

  public String hint() {
    return hint;
  }

  /** The default wording shipped with the platform (used until someone saves a version). */
  String resource() {
    return "bulletin/" + name().toLowerCase(java.util.Locale.ROOT) + ".mustache";
  }

  /** The part for its name in a form or URL (header, SECTION …), or null. */
  public static BulletinPart of(String name) {
    if (name == null) {
      return null;
    }
    for (BulletinPart p : values()) {
      if (p.name().equalsIgnoreCase(name.strip())) {
        return p;
      }
    }
    return null;
  }
}
