package cn.liaison.platform.rectification;

import cn.liaison.platform.rectification.Rectification.Drive;
import cn.liaison.platform.rectification.Rectification.Problem;
import cn.liaison.platform.rectification.Rectification.Source;
import cn.liaison.platform.system.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports the 整改台账 workbook as exported ({@link RectificationLedger}), sheet 问题清单: a line without 问题编号 is a new
 * problem of the drive's task named by 任务编号 (its process starts); a line with the number of a problem of this drive
 * stays as it is (its handling belongs to its process). All or nothing: any mistake refuses the whole file, with
 * errors by line and column ("第5行 发现日期"), and nothing is stored.
 */
@Component
public class RectificationLedgerImport {

  static final int MAX_ROWS = 2000;
  static final String SHEET = "问题清单";
  static final Map<String, String> COLUMN_OF_FIELD = Map.of("description", "具体问题", "source", "问题来源",
      "sourceRef", "来源编号", "foundOn", "发现日期", "responsiblePerson", "责任人", "deadline", "整改期限");

  /** What the import did. */
  public record Summary(int rows, int created, int unchanged, List<String> problemNos) {}

  private final RectificationService service;
  private final Rectifications rectifications;

  RectificationLedgerImport(RectificationService service, Rectifications rectifications) {
    this.service = service;
    this.rectifications = rectifications;
  }

  @Transactional
  public Summary importLedger(String code, byte[] content, Caller caller) {
    Drive d = service.requireDrive(code);
    if (!service.mayManage(d, caller)) {
      throw new org.springframework.security.access.AccessDeniedException("may not import into " + code);
    }
    List<Map<String, String>> lines = read(content);
    Map<String, String> errors = new LinkedHashMap<>();
    Map<String, Problem> known = new HashMap<>();
    rectifications.problemsOfDrive(d.id()).forEach(p -> known.put(p.problemNo(), p));
    List<String> created = new ArrayList<>();
    int unchanged = 0;
    for (int i = 0; i < lines.size(); i++) {
      Map<String, String> line = lines.get(i);
      if (line.isEmpty()) {
        continue;
      }
      String at = "第" + (i + 2) + "行";
      String problemNo = line.get("问题编号");
      if (problemNo != null) {
        if (!known.containsKey(problemNo)) {
          errors.put(at + " 问题编号", "本整治行动没有问题“" + problemNo + "”；新问题请留空问题编号");
        } else {
          unchanged++;
        }
        continue;
      }
      String taskNo = line.get("任务编号");
      if (taskNo == null || rectifications.task(d.id(), taskNo).isEmpty()) {
        errors.put(at + " 任务编号", taskNo == null ? "请填写任务编号" : "本整治行动没有任务“" + taskNo + "”");
        continue;
      }
      try {
        created.add(service.raiseProblem(code, taskNo, new RectificationService.NewProblem(line.get("具体问题"),
            source(line.get("问题来源")), line.get("来源编号"), line.get("发现日期"), line.get("责任人"),
            line.get("整改期限")), caller));
      } catch (InvalidInputException e) {
        e.errors().forEach((field, message) ->
            errors.put(at + " " + COLUMN_OF_FIELD.getOrDefault(field, field), message));
      }
    }
    if (!errors.isEmpty()) {
      // the transaction rolls back: problems and processes of the good lines are not kept either
      throw new InvalidInputException(errors);
    }
    return new Summary(lines.size(), created.size(), unchanged, created);
  }

  /** 问题来源 as exported (接待群众 …) or as the API names it (RECEPTION …). */
  static String source(String value) {
    if (value == null) {
      return null;
    }
    for (Source s : Source.values()) {
      if (s.label().equals(value)) {
        return s.name();
      }
    }
    return value;
  }

  /** The lines of sheet 问题清单 below its header, by column name; blank cells are absent, blank lines skipped. */
  static List<Map<String, String>> read(byte[] content) {
    if (content == null || content.length == 0) {
      throw new InvalidInputException("file", "请选择整改台账文件（.xlsx）");
    }
    try (var book = new XSSFWorkbook(new ByteArrayInputStream(content))) {
      Sheet sheet = book.getSheet(SHEET);
      if (sheet == null) {
        throw new InvalidInputException("file", "文件中没有工作表“" + SHEET + "”；请使用导出的整改台账");
      }
      Row header = sheet.getRow(0);
      Map<Integer, String> columns = new HashMap<>();
      if (header != null) {
        header.forEach(c -> columns.put(c.getColumnIndex(), text(c)));
      }
      Map<String, String> missing = new LinkedHashMap<>();
      for (String required : List.of("任务编号", "问题编号", "具体问题", "问题来源", "发现日期", "责任人", "整改期限")) {
        if (!columns.containsValue(required)) {
          missing.put("第1行 " + required, "缺少“" + required + "”列");
        }
      }
      if (!missing.isEmpty()) {
        throw new InvalidInputException(missing);
      }
      if (sheet.getLastRowNum() > MAX_ROWS) {
        throw new InvalidInputException("file", "一次最多导入 " + MAX_ROWS + " 行");
      }
      List<Map<String, String>> lines = new ArrayList<>();
      for (int r = 1; r <= sheet.getLastRowNum(); r++) {
        Row row = sheet.getRow(r);
        Map<String, String> line = new HashMap<>();
        if (row != null) {
          for (Cell c : row) {
            String name = columns.get(c.getColumnIndex());
            String v = text(c);
            if (name != null && v != null) {
              line.put(name, v);
            }
          }
        }
        lines.add(line);
      }
      // trailing blank lines are not lines of the ledger
      while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
        lines.remove(lines.size() - 1);
      }
      return lines;
    } catch (IOException | org.apache.poi.UnsupportedFileFormatException | org.apache.poi.ooxml.POIXMLException e) {
      throw new InvalidInputException("file", "无法读取文件：请上传 Excel 工作簿（.xlsx）");
    }
  }

  private static String text(Cell c) {
    if (c.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(c)) {
      return c.getLocalDateTimeCellValue().toLocalDate().toString();
    }
    String v = new DataFormatter().formatCellValue(c);
    return v == null || v.isBlank() ? null : v.strip();
  }
}
