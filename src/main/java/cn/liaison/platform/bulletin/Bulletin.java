package cn.liaison.platform.bulletin;

import java.time.LocalDate;
import java.util.List;

/** A rendered bulletin: its paragraphs in print order, and what it covers. */
public record Bulletin(int issueNo, LocalDate issuedOn, LocalDate from, LocalDate to, List<String> stationNames,
    List<Block> blocks) {

  /** The file name staff see when they download it: 工作简报第37期（2027-01-01至2027-06-30）.docx. */
  public String fileName() {
    return "工作简报第" + issueNo + "期（" + from + "至" + to + "）.docx";
  }

  /** The position of the first title (the album's title, printed larger than the articles' titles); -1 if none. */
  public int firstTitleIndex() {
    for (int i = 0; i < blocks.size(); i++) {
      if (blocks.get(i).kind() == Block.Kind.TITLE) {
        return i;
      }
    }
    return -1;
  }

  /** The plain text, one paragraph a line (for tests and logs of shape, never of personal data: it has none). */
  public String text() {
    return String.join("\n", blocks.stream().map(Block::text).toList());
  }
}
