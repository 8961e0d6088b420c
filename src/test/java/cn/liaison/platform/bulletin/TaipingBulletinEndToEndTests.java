package cn.liaison.platform.bulletin;

import static cn.liaison.platform.scenario.CountyScenario.TAIPING;
import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.scenario.CountyScenario;
import cn.liaison.platform.scenario.DemoUser;
import cn.liaison.platform.scenario.TaipingBulletinYear;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The seed bulletin's 太平镇 article from the platform's own records ({@link TaipingBulletinYear}): in 2030 the
 * station's deputies receive 147 visitors with 73 opinions and 51 problems solved in three reception sessions, and the
 * staff list 22 rectification tasks with 57 problems of which 52 are crossed off — all through /api and /engine-rest
 * as the demo users. Then staff2 downloads the bulletin: Word opens it, and its sentences carry those numbers, the same
 * as GET /api/statistics answers for the station and period.
 */
@PlatformTest
class TaipingBulletinEndToEndTests {

  @RegisterExtension final CountyScenario county = CountyScenario.eachTest();

  @Test
  void taipingsArticleSaysItReceived147VisitorsAndCrossedOff52Of57Problems() throws Exception {
    TaipingBulletinYear.in(county);
    DemoUser staff = county.as("staff2");

    ResponseEntity<byte[]> response = staff.download("/api/bulletins?from=2030-01-01&to=2030-12-31&stations=" + TAIPING
        + "&issueNo=37&issuedOn=2030-09-18");

    assertThat(response.getStatusCode()).as(new String(response.getBody() == null ? new byte[0] : response.getBody(),
        StandardCharsets.UTF_8)).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getContentType().toString())
        .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    String disposition = response.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION);
    assertThat(disposition).startsWith("attachment;").contains("filename*=UTF-8''");
    assertThat(URLDecoder.decode(disposition.substring(disposition.indexOf("UTF-8''") + 7), StandardCharsets.UTF_8))
        .isEqualTo("工作简报第37期（2030-01-01至2030-12-31）.docx");

    List<String> paragraphs;
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(response.getBody()))) {
      paragraphs = doc.getParagraphs().stream().map(XWPFParagraph::getText).toList();
    }
    assertThat(paragraphs).contains("代表工作", "第 37 期", "2030 年 9 月 18 日", "★ 太平镇流动联络站：架起代表联系群众“连心桥”",
        "太平镇流动联络站：架起代表联系群众“连心桥”");
    String text = String.join("\n", paragraphs);
    assertThat(text).contains("接待群众147人次，收集意见建议73条，解决问题51件。",
        "梳理出22项整改任务共计57条具体问题，已完成问题整改52条。",
        "送：省人大常委会主任、副主任、秘书长", "河南省人大常委会代表工作委员会印发");

    // the same figures as the statistics API for the station and period
    JsonNode statistics = staff.read("/api/statistics?from=2030-01-01&to=2030-12-31&station=" + TAIPING);
    assertThat(text).contains("接待群众" + statistics.path("receptions").path("visitors").asLong() + "人次",
        "收集意见建议" + statistics.path("receptions").path("opinions").asLong() + "条",
        "梳理出" + statistics.path("rectification").path("tasks").asLong() + "项整改任务共计"
            + statistics.path("rectification").path("problems").asLong() + "条具体问题");
  }
}
