package cn.liaison.platform.campaign;

import cn.liaison.platform.system.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The 一卡通 upload workbook of a subsidy batch (惠民惠农补贴一卡通发放表) and the bank's result workbook: the same
 * sheet, with 发放结果 (成功 / 失败), 发放日期, 凭证号 and 失败原因 filled in by the bank.
 */
final class SubsidyWorkbook {

  static final String[] HEADERS = {"序号", "户编号", "村", "持卡人姓名", "一卡通账号", "开户银行", "补贴面积(亩)",
      "补贴金额(元)", "发放结果", "发放日期", "凭证号", "失败原因"};
  static final int MAX_ROWS = 5000;

  record Row(String householdNo, String village, String holder, String accountNo, String bank, BigDecimal mu,
      BigDecimal amount, String result, LocalDate paidOn, String voucherNo, String failReason) {}

  private SubsidyWorkbook() {}

  static byte[] write(String title, List<Row> rows) {
    try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = wb.createSheet("补贴发放");
      var bold = wb.createFont();
      bold.setBold(true);
      var headerStyle = wb.createCellStyle();
      headerStyle.setFont(bold);
      var text = wb.createCellStyle();
      text.setDataFormat(wb.createDataFormat().getFormat("@"));
      var money = wb.createCellStyle();
      money.setDataFormat(wb.createDataFormat().getFormat("0.00"));
      org.apache.poi.ss.usermodel.Row header = sheet.createRow(0);
      for (int i = 0; i < HEADERS.length; i++) {
        Cell c = header.createCell(i);
        c.setCellValue(HEADERS[i]);
        c.setCellStyle(headerStyle);
      }
      int r = 1;
      BigDecimal total = BigDecimal.ZERO;
      for (Row row : rows) {
        org.apache.poi.ss.usermodel.Row x = sheet.createRow(r);
        x.createCell(0).setCellValue(r);
        textCell(x, 1, row.householdNo(), text);
        textCell(x, 2, row.village(), text);
        textCell(x, 3, row.holder(), text);
        textCell(x, 4, row.accountNo(), text); // text: a card number must not become 6.2E18
        textCell(x, 5, row.bank(), text);
        x.createCell(6).setCellValue(row.mu().doubleValue());
        Cell amount = x.createCell(7);
        amount.setCellValue(row.amount().doubleValue());
        amount.setCellStyle(money);
        textCell(x, 8, row.result(), text);
        textCell(x, 9, row.paidOn() == null ? "" : row.paidOn().toString(), text);
        textCell(x, 10, row.voucherNo(), text);
        textCell(x, 11, row.failReason(), text);
        total = total.add(row.amount());
        r++;
      }
      for (int i = 0; i < HEADERS.length; i++) {
        sheet.setColumnWidth(i, i == 11 ? 24 * 256 : i == 4 ? 24 * 256 : 14 * 256);
      }
      Sheet about = wb.createSheet("说明");
      about.createRow(0).createCell(0).setCellValue(title);
      about.createRow(1).createCell(0).setCellValue("共 " + rows.size() + " 户，合计 " + SubsidyPayments.money(total)
          + " 元。银行回盘：在“补贴发放”表逐户填写 发放结果（成功/失败）、发放日期（年-月-日）、凭证号或失败原因后导入；"
          + "未填发放结果的行视为尚无结果。");
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads the bank's result workbook: the rows with a 发放结果. Refuses the whole file, with errors by row and
   * column, if a row is wrong.
   */
  static List<SubsidyPayments.PaymentResult> readResults(byte[] bytes, ZoneId zone) {
    if (bytes == null || bytes.length == 0) {
      throw new InvalidInputException("file", "请选择银行回盘的发放结果表（.xlsx）");
    }
    Workbook wb;
    try {
      wb = new XSSFWorkbook(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException("file", "无法读取该文件，请上传 .xlsx 格式的发放结果表");
    }
    try (wb) {
      Sheet sheet = wb.getSheet("补贴发放");
      if (sheet == null) {
        sheet = wb.getSheetAt(0);
      }
      DataFormatter format = new DataFormatter();
      org.apache.poi.ss.usermodel.Row header = sheet.getRow(0);
      Map<String, Integer> columns = new LinkedHashMap<>();
      if (header != null) {
        for (Cell c : header) {
          columns.put(format.formatCellValue(c).strip(), c.getColumnIndex());
        }
      }
      Map<String, String> errors = new LinkedHashMap<>();
      for (String needed : List.of("户编号", "发放结果", "发放日期", "凭证号", "失败原因")) {
        if (!columns.containsKey(needed)) {
          errors.put("第1行·" + needed, "缺少列“" + needed + "”，请使用导出的发放表填写");
        }
      }
      if (!errors.isEmpty()) {
        throw new InvalidInputException(errors);
      }
      if (sheet.getLastRowNum() > MAX_ROWS) {
        throw new InvalidInputException("file", "发放结果表最多 " + MAX_ROWS + " 行");
      }
      List<SubsidyPayments.PaymentResult> results = new ArrayList<>();
      for (int r = 1; r <= sheet.getLastRowNum(); r++) {
        org.apache.poi.ss.usermodel.Row row = sheet.getRow(r);
        if (row == null) {
          continue;
        }
        String no = text(format, row, columns.get("户编号"));
        String result = text(format, row, columns.get("发放结果"));
        if (result == null) {
          continue; // an empty row, or no result yet for this household
        }
        String where = "第" + (r + 1) + "行·";
        String status = switch (result) {
          case "成功", "已发放", "PAID" -> "PAID";
          case "失败", "发放失败", "FAILED" -> "FAILED";
          default -> null;
        };
        if (status == null) {
          errors.put(where + "发放结果", "发放结果应填“成功”或“失败”");
          continue;
        }
        LocalDate paidOn = null;
        Cell dateCell = row.getCell(columns.get("发放日期"));
        if (dateCell != null && dateCell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(dateCell)) {
          paidOn = dateCell.getLocalDateTimeCellValue().toLocalDate();
        } else {
          String d = text(format, row, columns.get("发放日期"));
          if (d != null) {
            try {
              paidOn = LocalDate.parse(d.replace('/', '-'));
            } catch (DateTimeParseException e) {
              errors.put(where + "发放日期", "日期格式应为 年-月-日，例如 2027-05-20");
              continue;
            }
          }
        }
        results.add(new SubsidyPayments.PaymentResult(no, status, paidOn, text(format, row, columns.get("凭证号")),
            text(format, row, columns.get("失败原因")), r + 1));
      }
      if (!errors.isEmpty()) {
        throw new InvalidInputException(errors);
      }
      return results;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(DataFormatter format, org.apache.poi.ss.usermodel.Row row, Integer column) {
    if (column == null) {
      return null;
    }
    Cell c = row.getCell(column);
    String v = c == null ? "" : format.formatCellValue(c).strip();
    return v.isEmpty() ? null : v;
  }

  private static void textCell(org.apache.poi.ss.usermodel.Row row, int column, String value,
      org.apache.poi.ss.usermodel.CellStyle style) {
    Cell c = row.createCell(column);
    c.setCellValue(value == null ? "" : value);
    c.setCellStyle(style);
  }
}
