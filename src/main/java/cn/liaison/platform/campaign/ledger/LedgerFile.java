package cn.liaison.platform.campaign.ledger;

import cn.liaison.platform.system.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Reads the rows of a ledger file: the first sheet of an .xlsx (streamed with POI's SAX reader, so a big
 * sheet is never held as a workbook) or a CSV in UTF-8 (with or without BOM), UTF-16 with BOM, or GBK/GB18030
 * when the bytes are not UTF-8 (Excel on Chinese Windows saves CSV that way). Line numbers are those of the
 * file: Excel's row numbers, or the CSV line where the record starts. Blank rows are dropped.
 */
final class LedgerFile {

  enum Format { XLSX, CSV }

  /** A non-blank row: its line in the file (1-based) and its cells, stripped ("" for empty). */
  record Row(int line, List<String> cells) {
    String cell(int index) {
      return index >= 0 && index < cells.size() ? cells.get(index) : "";
    }
  }

  /** The rows read; truncated when the file has more than the reader was asked for. */
  record Content(List<Row> rows, boolean truncated, String encoding) {}

  static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private static final Charset GB18030 = Charset.forName("GB18030");

  private LedgerFile() {}

  /** .xlsx or CSV, by the bytes first (a zip is an .xlsx), then by file name and content type. */
  static Format detect(String fileName, String contentType, byte[] bytes) {
    String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT).strip();
    if (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
      return Format.XLSX;
    }
    if (bytes.length >= 8 && (bytes[0] & 0xFF) == 0xD0 && (bytes[1] & 0xFF) == 0xCF && (bytes[2] & 0xFF) == 0x11
        && (bytes[3] & 0xFF) == 0xE0) {
      throw new InvalidInputException("file", "不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV（逗号分隔）后再导入");
    }
    if (name.endsWith(".xlsx") || name.endsWith(".xlsm") || XLSX_TYPE.equalsIgnoreCase(baseType(contentType))) {
      throw new InvalidInputException("file", "文件不是有效的 .xlsx 工作簿，可能已损坏；请重新保存后再导入");
    }
    if (name.endsWith(".xls")) {
      throw new InvalidInputException("file", "不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV（逗号分隔）后再导入");
    }
    return Format.CSV;
  }

  private static String baseType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
  }

  /** Reads at most maxRows non-blank rows; more are not read, and the content says it was truncated. */
  static Content read(Format format, byte[] bytes, int maxRows) {
    return format == Format.XLSX ? readXlsx(bytes, maxRows) : readCsv(bytes, maxRows);
  }

  // ---- CSV ----

  static Content readCsv(byte[] bytes, int maxRows) {
    String encoding;
    String text;
    if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
      encoding = "UTF-8";
      text = decode(bytes, 3, StandardCharsets.UTF_8, false);
    } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
      encoding = "UTF-16LE";
      text = decode(bytes, 2, StandardCharsets.UTF_16LE, true);
    } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
      encoding = "UTF-16BE";
      text = decode(bytes, 2, StandardCharsets.UTF_16BE, true);
    } else {
      text = decode(bytes, 0, StandardCharsets.UTF_8, false);
      encoding = "UTF-8";
      if (text == null) {
        text = decode(bytes, 0, GB18030, true);
        encoding = "GBK";
      }
    }
    if (text == null) {
      throw new InvalidInputException("file", "无法识别文件的文字编码，请保存为 UTF-8 或 GBK 编码的 CSV");
    }
    return parseCsv(text, maxRows, encoding);
  }

  /** Strict decoding: null when the bytes are not in this charset (unless lenient). */
  private static String decode(byte[] bytes, int offset, Charset charset, boolean lenient) {
    CodingErrorAction action = lenient ? CodingErrorAction.REPLACE : CodingErrorAction.REPORT;
    try {
      return charset.newDecoder().onMalformedInput(action).onUnmappableCharacter(action)
          .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** RFC 4180: quoted fields may hold delimiters, "" and line breaks; comma, or tab when the first line has only tabs. */
  static Content parseCsv(String text, int maxRows, String encoding) {
    int firstBreak = indexOfLineBreak(text);
    String firstLine = firstBreak < 0 ? text : text.substring(0, firstBreak);
    char delimiter = firstLine.indexOf(',') < 0 && firstLine.indexOf('\t') >= 0 ? '\t' : ',';
    List<Row> rows = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    int line = 1;
    int recordLine = 1;
    boolean quoted = false;
    boolean afterQuote = false;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else {
          if (ch == '\n' || (ch == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n'))) {
            line++;
          }
          cell.append(ch);
        }
        continue;
      }
      if (ch == delimiter) {
        cells.add(clean(cell));
        cell.setLength(0);
        afterQuote = false;
      } else if (ch == '\r' || ch == '\n') {
        if (ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        cells.add(clean(cell));
        cell.setLength(0);
        afterQuote = false;
        if (!blank(cells)) {
          if (rows.size() >= maxRows) {
            return new Content(rows, true, encoding);
          }
          rows.add(new Row(recordLine, List.copyOf(cells)));
        }
        cells.clear();
        line++;
        recordLine = line;
      } else if (ch == '"' && cell.toString().isBlank() && !afterQuote) {
        cell.setLength(0);
        quoted = true;
      } else {
        cell.append(ch);
      }
    }
    if (quoted) {
      throw new InvalidInputException("第" + recordLine + "行", "引号没有闭合：从这一行开始的内容缺少结束的英文双引号");
    }
    cells.add(clean(cell));
    if (!blank(cells)) {
      if (rows.size() >= maxRows) {
        return new Content(rows, true, encoding);
      }
      rows.add(new Row(recordLine, List.copyOf(cells)));
    }
    return new Content(rows, false, encoding);
  }

  private static int indexOfLineBreak(String text) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '\n' || ch == '\r') {
        return i;
      }
    }
    return -1;
  }

  /** Strips Unicode spaces, no-break spaces, zero-width spaces and a stray BOM. */
  static String clean(CharSequence s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.subSequence(start, end).toString();
  }

  private static boolean isSpace(char ch) {
    return Character.isWhitespace(ch) || Character.isSpaceChar(ch) || ch == '\uFEFF' || ch == '\u200B';
  }

  private static boolean blank(List<String> cells) {
    for (String c : cells) {
      if (!c.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  // ---- .xlsx ----

  /** Stops the SAX parse once enough rows are read. */
  private static final class Enough extends RuntimeException {
    Enough() {
      super(null, null, false, false);
    }
  }

  static Content readXlsx(byte[] bytes, int maxRows) {
    List<Row> rows = new ArrayList<>();
    boolean[] truncated = {false};
    try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(bytes))) {
      XSSFReader reader = new XSSFReader(pkg);
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
      Iterator<InputStream> sheets = reader.getSheetsData();
      if (!sheets.hasNext()) {
        return new Content(rows, false, null);
      }
      XSSFSheetXMLHandler.SheetContentsHandler handler = new XSSFSheetXMLHandler.SheetContentsHandler() {
        final List<String> cells = new ArrayList<>();
        int line;

        @Override
        public void startRow(int rowNum) {
          cells.clear();
          line = rowNum + 1;
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
          int column = reference == null ? cells.size() : new CellReference(reference).getCol();
          while (cells.size() < column) {
            cells.add("");
          }
          String v = value == null ? "" : clean(value);
          if (column < cells.size()) {
            cells.set(column, v);
          } else {
            cells.add(v);
          }
        }

        @Override
        public void endRow(int rowNum) {
          if (blank(cells)) {
            return;
          }
          if (rows.size() >= maxRows) {
            truncated[0] = true;
            throw new Enough();
          }
          rows.add(new Row(line, List.copyOf(cells)));
        }
      };
      try (InputStream sheet = sheets.next()) {
        XMLReader parser = XMLHelper.newXMLReader();
        parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), strings, handler,
            new PlainNumbers(), false));
        parser.parse(new InputSource(sheet));
      } catch (Enough enough) {
        // read as many rows as allowed
      }
    } catch (InvalidInputException e) {
      throw e;
    } catch (Exception | LinkageError e) {
      throw new InvalidInputException("file", "无法读取 .xlsx 文件：文件已损坏、有密码保护或不是 Excel 工作簿");
    }
    return new Content(rows, truncated[0], null);
  }

  /**
   * Numbers as they are, not as the cell's format shows them (a 0.0 format must not turn 1.25 亩 into 1.3, nor
   * a phone number into 1.38E+10): 15 significant digits like Excel, no exponent, no trailing zeros. Dates keep
   * their format.
   */
  static final class PlainNumbers extends DataFormatter {
    PlainNumbers() {
      super(Locale.ROOT);
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
      if (formatString != null && DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
        return super.formatRawCellContents(value, formatIndex, formatString, use1904Windowing);
      }
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        return Double.toString(value);
      }
      BigDecimal d = new BigDecimal(Double.toString(value)).round(new MathContext(15));
      return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
  }
}
