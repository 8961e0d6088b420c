package cn.liaison.platform.bulletin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.apache.poi.xwpf.usermodel.Borders;
import org.apache.poi.xwpf.usermodel.LineSpacingRule;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;

/**
 * The bulletin as a Word document (.docx, Apache POI XWPF), laid out as the provincial bulletins are printed: A4,
 * the masthead in large red type, 仿宋 body text in 三号 (16 pt) with a two-character first-line indent and a fixed
 * 28 pt line, titles in 小标宋/黑体, red rules above the title and around the distribution lines.
 */
final class BulletinDocx {

  private static final String RED = "C00000";
  private static final String BODY_FONT = "仿宋_GB2312";
  private static final String TITLE_FONT = "方正小标宋简体";
  private static final String HEADING_FONT = "黑体";
  private static final int BODY_PT = 16;
  /** Twips: 2 characters of 16 pt. */
  private static final int INDENT_TWO_CHARS = 2 * BODY_PT * 20;

  private BulletinDocx() {}

  static byte[] write(Bulletin bulletin) {
    try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      a4(doc);
      doc.getProperties().getCoreProperties().setTitle("工作简报第" + bulletin.issueNo() + "期");
      doc.getProperties().getCoreProperties().setCreator("代表联络站闭环工作平台");
      boolean firstTitle = true;
      for (Block block : bulletin.blocks()) {
        XWPFParagraph p = doc.createParagraph();
        switch (block.kind()) {
          case MASTHEAD -> {
            p.setAlignment(ParagraphAlignment.CENTER);
            p.setSpacingAfter(200);
            run(p, block.text(), TITLE_FONT, 42, true, RED);
          }
          case TITLE -> {
            p.setAlignment(ParagraphAlignment.CENTER);
            p.setSpacingBefore(240);
            p.setSpacingAfter(240);
            run(p, block.text(), firstTitle ? TITLE_FONT : HEADING_FONT, firstTitle ? 20 : 18, !firstTitle, null);
            firstTitle = false;
          }
          case CENTER -> {
            p.setAlignment(ParagraphAlignment.CENTER);
            body(p);
            run(p, block.text(), BODY_FONT, BODY_PT, false, null);
          }
          case RIGHT -> {
            p.setAlignment(ParagraphAlignment.RIGHT);
            body(p);
            run(p, block.text(), BODY_FONT, BODY_PT, false, null);
          }
          case ITEM -> {
            p.setIndentationLeft(INDENT_TWO_CHARS);
            body(p);
            run(p, "★ " + block.text(), BODY_FONT, BODY_PT, false, null);
          }
          case FLUSH -> {
            body(p);
            run(p, block.text(), BODY_FONT, 14, false, null);
          }
          case RULE -> {
            p.setBorderBottom(Borders.THICK);
            p.getCTP().getPPr().getPBdr().getBottom().setColor(RED);
            p.setSpacingAfter(120);
          }
          case PARAGRAPH -> {
            p.setAlignment(ParagraphAlignment.BOTH);
            p.setFirstLineIndent(INDENT_TWO_CHARS);
            body(p);
            run(p, block.text(), BODY_FONT, BODY_PT, false, null);
          }
        }
      }
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void body(XWPFParagraph p) {
    p.setSpacingBetween(28, LineSpacingRule.EXACT);
  }

  private static void run(XWPFParagraph p, String text, String font, int points, boolean bold, String color) {
    XWPFRun r = p.createRun();
    r.setText(text);
    r.setFontFamily(font, XWPFRun.FontCharRange.eastAsia);
    r.setFontFamily("Times New Roman", XWPFRun.FontCharRange.ascii);
    r.setFontFamily("Times New Roman", XWPFRun.FontCharRange.hAnsi);
    r.setFontSize(points);
    r.setBold(bold);
    if (color != null) {
      r.setColor(color);
    }
  }

  /** A4 portrait with the margins of official documents (top 3.7 cm, bottom 3.5 cm, left 2.8 cm, right 2.6 cm). */
  private static void a4(XWPFDocument doc) {
    CTSectPr sect = doc.getDocument().getBody().isSetSectPr() ? doc.getDocument().getBody().getSectPr()
        : doc.getDocument().getBody().addNewSectPr();
    CTPageSz size = sect.isSetPgSz() ? sect.getPgSz() : sect.addNewPgSz();
    size.setW(BigInteger.valueOf(11906));
    size.setH(BigInteger.valueOf(16838));
    CTPageMar margins = sect.isSetPgMar() ? sect.getPgMar() : sect.addNewPgMar();
    margins.setTop(BigInteger.valueOf(2098));
    margins.setBottom(BigInteger.valueOf(1984));
    margins.setLeft(BigInteger.valueOf(1587));
    margins.setRight(BigInteger.valueOf(1474));
  }
}
