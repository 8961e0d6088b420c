package cn.liaison.platform.bulletin;

/**
 * One paragraph of a rendered bulletin. Its kind comes from the mark at the start of a template's line, so staff
 * lay out the page with a few plain marks instead of markup: the preview and the .docx give each kind its style.
 */
public record Block(Kind kind, String text) {

  public enum Kind {
    /** "# " the masthead, large and red (代表工作). */
    MASTHEAD("# ", "刊头：大号红字居中"),
    /** "## " a title, bold and centred (the album's title, each station's article title). */
    TITLE("## ", "标题：加粗居中"),
    /** "^ " a centred line (issue number, issuer, date). */
    CENTER("^ ", "居中的一行"),
    /** "> " a right-aligned line (（…供稿）). */
    RIGHT("> ", "靠右的一行"),
    /** "* " an entry of the table of contents. */
    ITEM("* ", "目录条目"),
    /** "| " a line without first-line indent (送：…, 发：…, 印发). */
    FLUSH("| ", "顶格的一行"),
    /** "---" a red rule across the page. */
    RULE("---", "红色分隔线"),
    /** any other line: a body paragraph with a two-character first-line indent. */
    PARAGRAPH("", "正文段落：首行缩进两字");

    private final String mark;
    private final String meaning;

    Kind(String mark, String meaning) {
      this.mark = mark;
      this.meaning = meaning;
    }

    public String mark() {
      return mark;
    }

    public String meaning() {
      return meaning;
    }

    public String cssClass() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The block of one rendered line; null for a blank line. Marks are tried longest first ("## " before "# "). */
  static Block of(String line) {
    String s = line.strip();
    if (s.isEmpty()) {
      return null;
    }
    if (s.startsWith("---") && s.chars().allMatch(c -> c == '-')) {
      return new Block(Kind.RULE, "");
    }
    for (Kind k : new Kind[] {Kind.TITLE, Kind.MASTHEAD, Kind.CENTER, Kind.RIGHT, Kind.ITEM, Kind.FLUSH}) {
      String mark = k.mark().strip();
      if (s.startsWith(mark + " ") || s.equals(mark)) {
        String text = s.substring(mark.length()).strip();
        return text.isEmpty() ? null : new Block(k, text);
      }
    }
    return new Block(Kind.PARAGRAPH, s);
  }
}
