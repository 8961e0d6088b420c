package cn.liaison.platform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.scenario.CountyScenario;
import cn.liaison.platform.scenario.TaipingBulletinYear;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The bulletin's 太平镇 一网四制 ({@link TaipingBulletinYear}), entered the way the people do it, through /api and
 * /engine-rest as the demo users: the station's staff list 22 rectification tasks (整改任务) with 57 concrete problems
 * for the town's departments in the deputies' grids; the departments rectify in Tasklist, the grids' deputies verify,
 * the staff feed back and cross off 52 of them ("梳理出整改任务22项、具体问题57个，已整改52个"); the figures read back
 * from the API are the bulletin's.
 */
@PlatformTest
class TaipingRectificationEndToEndTests {

  @RegisterExtension final CountyScenario county = CountyScenario.eachTest();

  @Test
  void twentyTwoTasksWithFiftySevenProblemsOfWhichFiftyTwoAreCrossedOff() throws Exception {
    TaipingBulletinYear taiping = TaipingBulletinYear.in(county);
    assertThat(taiping.problems()).hasSize(57);

    // three weeks on, the open problems of the first two tasks are past their deadline
    CountyScenario.clockAt(CountyScenario.beijing(2030, 7, 26, 9, 0));
    JsonNode figures = taiping.drive().figures("supervisor1");
    assertThat(figures.path("tasks").asInt()).isEqualTo(22);
    assertThat(figures.path("problems").asInt()).isEqualTo(57);
    assertThat(figures.path("rectified").asInt()).isEqualTo(52);
    assertThat(figures.path("overdue").asInt()).isEqualTo(5);
    assertThat(figures.path("taskList")).hasSize(22);
    assertThat(figures.path("taskList").get(0).path("gridDeputyName").asText()).isEqualTo("杨桂芝");

    // the 整改台账: one line per problem, as the office files it
    ResponseEntity<byte[]> ledger = county.as("analyst1")
        .download("/api/rectifications/" + taiping.drive().code() + "/ledger.xlsx");
    assertThat(ledger.getStatusCode()).isEqualTo(HttpStatus.OK);
    try (var book = new XSSFWorkbook(new ByteArrayInputStream(ledger.getBody()))) {
      var list = book.getSheet("问题清单");
      assertThat(list.getLastRowNum()).isEqualTo(57);
      assertThat(list.getRow(0).getCell(12).getStringCellValue()).isEqualTo("核验人");
      long crossedOff = 0;
      for (int i = 1; i <= 57; i++) {
        crossedOff += "已销号".equals(list.getRow(i).getCell(13).getStringCellValue()) ? 1 : 0;
      }
      assertThat(crossedOff).isEqualTo(52);
    }
  }
}
