package cn.liaison.platform.rectification;

import cn.liaison.platform.evidence.EvidenceService;
import cn.liaison.platform.rectification.Rectification.Drive;
import cn.liaison.platform.rectification.Rectification.Problem;
import cn.liaison.platform.rectification.Rectification.Task;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The 整改台账 of a drive as an Excel workbook (Apache POI, as the campaign's 工作台账): a sheet 汇总 with the figures
 * per task, and a sheet 问题清单 with one line per problem — task, problem, found on, responsible unit and person,
 * measures, deadline, progress, who verified, status, when crossed off, evidence photos. No citizen's personal data.
 */
@Component
class RectificationLedger {

  static final List<String> PROBLEM_HEADERS = List.of("任务编号", "整改任务", "问题编号", "具体问题", "问题来源", "来源编号",
      "发现日期", "责任单位", "责任人", "整改措施", "整改期限", "整改进展", "核验人", "状态", "销号时间", "佐证照片（张）");
  static final List<String> TASK_HEADERS = List.of("任务编号", "整改任务", "责任单位", "网格", "网格责任代表", "整改期限",
      "问题数", "已销号", "超期");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final RectificationService service;
  private final Rectifications rectifications;
  private final EvidenceService evidence;

  RectificationLedger(RectificationService service, Rectifications rectifications,
      EvidenceService evidence) {
    this.service = service;
    this.rectifications = rectifications;
    this.evidence = evidence;
  }

  @Transactional(readOnly = true)
  byte[] export(String code, ZoneId zone) {
    Drive d = service.requireDrive(code);
    var view = service.view(code);
    List<Problem> problems = rectifications.problemsOfDrive(d.id());
    Map<String, Integer> photos = evidence.counts(RectificationSteps.SUBJECT,
        problems.stream().map(p -> Long.toString(p.id())).toList());
    try (var book = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
      CellStyle bold = book.createCellStyle();
      Font font = book.createFont();
      font.setBold(true);
      bold.setFont(font);

      Sheet summary = book.createSheet("汇总");
      line(summary, 0, bold, List.of("整治行动", d.name() + "（" + d.code() + "）"));
      line(summary, 1, null, List.of("乡镇", d.town(), "整治期限", d.deadline().toString()));
      line(summary, 2, null, List.of("整改任务", view.tasks(), "具体问题", view.problems(), "已销号", view.rectified(),
          "超期", view.overdue()));
      line(summary, 4, bold, TASK_HEADERS);
      int r = 5;
      for (var t : view.taskList()) {
        line(summary, r++, null, List.of(t.taskNo(), t.title(), t.responsibleUnitName(), nz(t.gridName()),
            nz(t.gridDeputyName()), t.deadline().toString(), t.problems(), t.rectified(), t.overdue()));
      }

      Sheet list = book.createSheet("问题清单");
      line(list, 0, bold, PROBLEM_HEADERS);
      r = 1;
      Map<Long, Task> tasks = new java.util.HashMap<>();
      rectifications.tasks(d.id()).forEach(t -> tasks.put(t.id(), t));
      for (Problem p : problems) {
        Task t = tasks.get(p.taskId());
        line(list, r++, null, List.of(t.taskNo(), t.title(), p.problemNo(), p.description(), p.source().label(),
            nz(p.sourceRef()), p.foundOn().toString(), service.unitName(t.responsibleUnit()), p.responsiblePerson(),
            nz(p.measures()),
            p.deadline().toString(), nz(p.progress()), nz(p.verifiedBy()), p.status().label(),
            p.closedAt() == null ? "" : TIME.format(p.closedAt().atZone(zone)),
            photos.getOrDefault(Long.toString(p.id()), 0)));
      }
      for (int c = 0; c < PROBLEM_HEADERS.size(); c++) {
        list.setColumnWidth(c, c == 3 || c == 9 ? 40 * 256 : 14 * 256);
      }
      list.createFreezePane(0, 1);
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }


  private static void line(Sheet sheet, int index, CellStyle style, List<?> values) {
    Row row = sheet.createRow(index);
    for (int c = 0; c < values.size(); c++) {
      var cell = row.createCell(c);
      Object v = values.get(c);
      if (v instanceof Number n) {
        cell.setCellValue(n.doubleValue());
      } else {
        cell.setCellValue(v == null ? "" : v.toString());
      }
      if (style != null) {
        cell.setCellStyle(style);
      }
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
