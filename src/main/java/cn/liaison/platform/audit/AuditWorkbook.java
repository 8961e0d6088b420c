package cn.liaison.platform.audit;

import cn.liaison.platform.calendar.WorkingDayCalendar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Service;

/** The filtered audit trail as an .xlsx (sheet 审计记录): one row per event, newest first, printable landscape. */
@Service
public class AuditWorkbook {

  static final String SHEET = "审计记录";
  static final List<String> HEADERS = List.of("时间", "操作人", "操作", "对象", "联络站", "摘要", "变更内容", "客户端地址");
  private static final int[] WIDTHS = {18, 12, 18, 26, 18, 40, 60, 16};
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final ZoneId zone;

  AuditWorkbook(WorkingDayCalendar calendar) {
    this.zone = calendar.zone();
  }

  public byte[] export(List<AuditEvent> rows, String title) {
    try (SXSSFWorkbook book = new SXSSFWorkbook(200)) {
      Sheet sheet = book.createSheet(SHEET);
      Font bold = book.createFont();
      bold.setBold(true);
      CellStyle head = book.createCellStyle();
      head.setFont(bold);
      head.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      head.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      head.setBorderBottom(BorderStyle.THIN);
      CellStyle wrap = book.createCellStyle();
      wrap.setWrapText(true);
      CellStyle titleStyle = book.createCellStyle();
      Font big = book.createFont();
      big.setBold(true);
      big.setFontHeightInPoints((short) 14);
      titleStyle.setFont(big);

      Row titleRow = sheet.createRow(0);
      titleRow.createCell(0).setCellValue(title);
      titleRow.getCell(0).setCellStyle(titleStyle);
      sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, HEADERS.size() - 1));
      Row header = sheet.createRow(1);
      for (int i = 0; i < HEADERS.size(); i++) {
        Cell c = header.createCell(i);
        c.setCellValue(HEADERS.get(i));
        c.setCellStyle(head);
        sheet.setColumnWidth(i, WIDTHS[i] * 256);
      }
      int r = 2;
      for (AuditEvent e : rows) {
        Row row = sheet.createRow(r++);
        String[] values = {TIME.format(e.occurredAt().atZone(zone)), e.actor(), e.actionLabel(), e.subjectLabel(),
            e.stationCode(), e.summary(), e.detail(), e.clientAddress()};
        for (int i = 0; i < values.length; i++) {
          Cell c = row.createCell(i);
          c.setCellValue(values[i] == null ? "" : values[i]);
          if (i >= 5) {
            c.setCellStyle(wrap);
          }
        }
      }
      sheet.createFreezePane(0, 2);
      sheet.setAutoFilter(new CellRangeAddress(1, Math.max(1, r - 1), 0, HEADERS.size() - 1));
      sheet.getPrintSetup().setLandscape(true);
      sheet.getPrintSetup().setPaperSize(PrintSetup.A4_PAPERSIZE);
      sheet.setFitToPage(true);
      sheet.getPrintSetup().setFitWidth((short) 1);
      sheet.getPrintSetup().setFitHeight((short) 0);
      sheet.setRepeatingRows(new CellRangeAddress(1, 1, 0, HEADERS.size() - 1));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      book.write(out);
      book.dispose();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
