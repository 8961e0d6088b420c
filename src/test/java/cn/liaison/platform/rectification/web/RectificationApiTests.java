package cn.liaison.platform.rectification.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.scenario.CountyScenario;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The rectification API as its users meet it, and as an attacker tries it: input refused field by field, grids only
 * for administrators, a unit completing another unit's problem, a deputy verifying a problem outside their grid,
 * a unit reading another drive's photos, and evidence photos checked by content (a renamed executable is refused,
 * GPS metadata is dropped).
 */
@PlatformTest
class RectificationApiTests {

  @Autowired TestRestTemplate http;
  @RegisterExtension final CountyScenario county = CountyScenario.eachTest();

  @Test
  void gridsAreKeptByAdministratorsAndListedWithTheirDeputysNameOnly() {
    assertThat(call("staff2", HttpMethod.PUT, "/api/admin/grids/tp-new", Map.of("name", "新村网格", "town", "太平镇",
        "deputy", "deputy5")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> bad = call("demo", HttpMethod.PUT, "/api/admin/grids/tp-new", Map.of("name", "新村网格",
        "town", "太平镇", "deputy", "staff2"));
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody()).contains("责任代表必须是平台上的人大代表");
    ResponseEntity<String> saved = call("demo", HttpMethod.PUT, "/api/admin/grids/tp-new", Map.of("name", "新村网格",
        "town", "太平镇", "deputy", "deputy5"));
    assertThat(saved.getStatusCode().is2xxSuccessful()).as(saved.getBody()).isTrue();
    JsonNode grids = JsonBodies.tree(call("deputy2", HttpMethod.GET, "/api/grids?town=太平镇", null).getBody());
    assertThat(grids.findValuesAsText("code")).contains("tp-taiping", "tp-hetan", "tp-new");
    assertThat(grids.toString()).contains("杨桂芝").doesNotContain("1390373");
  }

  @Test
  void aDriveWithMistakesIsRefusedFieldByFieldAndAnotherStationsStaffMayNotOpenOne() {
    ResponseEntity<String> bad = call("staff2", HttpMethod.POST, "/api/rectifications", Map.of("code", "坏 编码",
        "name", "", "town", "太平镇", "deadline", "明年"));
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody()).contains("整治行动编码", "请填写整治行动名称", "整治期限的格式");
    assertThat(call("staff1", HttpMethod.POST, "/api/rectifications", Map.of("code", code(), "name", "集中整治",
        "town", "太平镇", "deadline", "2027-12-31")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    String code = drive();
    ResponseEntity<String> task = call("staff2", HttpMethod.POST, "/api/rectifications/" + code + "/tasks",
        Map.of("title", "道路修复", "responsibleUnit", "dept-nowhere", "grid", "cy-somewhere", "deadline", "2027-08-31"));
    assertThat(task.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(task.getBody()).contains("责任单位不在部门目录中", "网格不存在或不属于太平镇");
    assertThat(call("staff1", HttpMethod.GET, "/api/rectifications/" + code, null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(JsonBodies.tree(call("staff2", HttpMethod.GET, "/api/rectifications/" + code, null).getBody())
        .path("tasks").asInt()).isZero();
  }

  @Test
  void aUnitCannotCompleteAnotherUnitsProblemNorADeputyVerifyOutsideTheirGrid() {
    String code = drive();
    String taskNo = task(code, "dept-water", "tp-hetan");
    String problemNo = problem(code, taskNo);
    String rectifyTask = taskId("water1", problemNo);
    // the agriculture bureau neither sees nor completes the water bureau's problem
    assertThat(JsonBodies.tree(call("agri1", HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey="
        + problemNo, null).getBody())).isEmpty();
    assertThat(complete("agri1", rectifyTask, Map.of("measures", "已整改", "rectified", true)).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(complete("water1", rectifyTask, Map.of("measures", "已整改", "rectified", true)).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    // 河滩村's grid is deputy2's: deputy5 (another grid) may not verify it
    String verifyTask = taskId("deputy2", problemNo);
    assertThat(JsonBodies.tree(call("deputy5", HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey="
        + problemNo, null).getBody())).isEmpty();
    assertThat(complete("deputy5", verifyTask, Map.of("verification", "PASS")).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> noReason = complete("deputy2", verifyTask, Map.of("verification", "FAIL"));
    assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noReason.getBody()).contains("不通过时请写明哪里没有整改到位");
    assertThat(complete("deputy2", verifyTask, Map.of("verification", "PASS")).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    JsonNode problem = JsonBodies.tree(call("deputy2", HttpMethod.GET, "/api/problems/" + problemNo, null).getBody());
    assertThat(problem.path("problem").path("verifiedBy").asText()).isEqualTo("deputy2");
    assertThat(problem.path("problem").path("statusLabel").asText()).isEqualTo("待反馈");
  }

  @Test
  void photosAreCheckedByContentStrippedOfGpsAndShownOnlyToThoseWhoMaySeeTheProblem() throws Exception {
    String code = drive();
    String problemNo = problem(code, task(code, "dept-water", "tp-hetan"));
    // a renamed executable, whatever its name and declared type
    byte[] exe = new byte[2048];
    exe[0] = 'M';
    exe[1] = 'Z';
    ResponseEntity<String> refused = upload("water1", problemNo, exe, "现场照片.jpg");
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).contains("只能上传 JPEG、PNG 或 HEIC 格式的照片");
    byte[] huge = jpegWithGps();
    huge = Arrays.copyOf(huge, 10 * 1024 * 1024 + 1);
    assertThat(upload("water1", problemNo, huge, "big.jpg").getStatusCode().is4xxClientError()).isTrue();

    ResponseEntity<String> stored = upload("water1", problemNo, jpegWithGps(), "after.png");
    assertThat(stored.getStatusCode()).as(stored.getBody()).isEqualTo(HttpStatus.CREATED);
    JsonNode photo = JsonBodies.tree(stored.getBody());
    assertThat(photo.path("contentType").asText()).isEqualTo("image/jpeg");
    String url = photo.path("url").asText();

    // the grid's deputy sees it, without the GPS position it was taken with
    ResponseEntity<byte[]> seen = county.as("deputy2").download(url);
    assertThat(seen.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(seen.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_JPEG);
    String content = new String(seen.getBody(), StandardCharsets.ISO_8859_1);
    assertThat(content).doesNotContain("Exif").doesNotContain("GPS");
    assertThat(ImageIO.read(new java.io.ByteArrayInputStream(seen.getBody())).getWidth()).isEqualTo(32);

    // a unit of another drive, a deputy of another grid: as if there were no such problem or photo
    String other = drive();
    String otherProblem = problem(other, task(other, "dept-agriculture", "tp-taiping"));
    assertThat(upload("agri1", otherProblem, jpegWithGps(), "b.jpg").getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(county.as("agri1").download(url).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(county.as("deputy5").download(url).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    // nor through a problem they may see
    String sideways = "/api/problems/" + otherProblem + "/evidence/" + photo.path("id").asText();
    assertThat(county.as("agri1").download(sideways)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(call("agri1", HttpMethod.GET, "/api/problems/" + problemNo, null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(upload("agri1", problemNo, jpegWithGps(), "c.jpg").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    JsonNode details = JsonBodies.tree(call("water1", HttpMethod.GET, "/api/problems/" + problemNo, null).getBody());
    assertThat(details.path("evidence")).hasSize(1);
  }

  @Test
  void theFormsLinkToTheProblemsPageWithItsPhotosForThoseWhoMaySeeIt() throws Exception {
    String code = drive();
    String problemNo = problem(code, task(code, "dept-water", "tp-hetan"));
    assertThat(upload("deputy2", problemNo, jpegWithGps(), "before.jpg").getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ResponseEntity<String> page = cn.liaison.platform.WebappLogin.getAs(http, "water1", "/staff/problems/" + problemNo);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains(problemNo, "排灌站水泵损坏", "县水利局", "/staff/problems/" + problemNo + "/evidence/");
    ResponseEntity<String> stranger = cn.liaison.platform.WebappLogin.getAs(http, "agri1", "/staff/problems/" + problemNo);
    assertThat(stranger.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(stranger.getBody()).doesNotContain("排灌站水泵损坏");
  }

  @Test
  void theLedgerGoesOutAndComesBackAllOrNothingWithErrorsByLineAndColumn() throws Exception {
    String code = drive();
    String taskNo = task(code, "dept-water", "tp-hetan");
    problem(code, taskNo);
    problem(code, taskNo);
    byte[] exported = county.as("staff2").download("/api/rectifications/" + code + "/ledger.xlsx").getBody();

    // as exported: nothing changes
    JsonNode same = JsonBodies.tree(importLedger("staff2", code, exported).getBody());
    assertThat(same.path("created").asInt()).isZero();
    assertThat(same.path("unchanged").asInt()).isEqualTo(2);

    // a new problem typed in Excel (a real date cell) and a line with mistakes: nothing is stored
    byte[] withMistake;
    byte[] withNewProblem;
    try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(exported))) {
      var sheet = book.getSheet("问题清单");
      var row = sheet.createRow(3);
      String[] values = {taskNo, "", "", "村口路灯不亮", "入户走访", "", "", "", "电工班 李师傅", "", "2099-08-01"};
      for (int c = 0; c < values.length; c++) {
        row.createCell(c).setCellValue(values[c]);
      }
      var date = row.createCell(6);
      date.setCellValue(java.time.LocalDate.of(2026, 1, 6));
      var style = book.createCellStyle();
      style.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
      date.setCellStyle(style);
      var out = new ByteArrayOutputStream();
      book.write(out);
      withNewProblem = out.toByteArray();
      var bad = sheet.createRow(4);
      String[] wrong = {"RW09", "", "", "", "传闻", "", "昨天", "", "", "", ""};
      for (int c = 0; c < wrong.length; c++) {
        bad.createCell(c).setCellValue(wrong[c]);
      }
      var bad2 = sheet.createRow(5);
      String[] wrong2 = {taskNo, "", "", "", "传闻", "", "昨天", "", "", "", ""};
      for (int c = 0; c < wrong2.length; c++) {
        bad2.createCell(c).setCellValue(wrong2[c]);
      }
      out = new ByteArrayOutputStream();
      book.write(out);
      withMistake = out.toByteArray();
    }
    ResponseEntity<String> refused = importLedger("staff2", code, withMistake);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    Map<String, String> errors = new java.util.LinkedHashMap<>();
    JsonBodies.tree(refused.getBody()).path("errors")
        .forEach(e -> errors.put(e.path("field").asText(), e.path("message").asText()));
    assertThat(errors.get("第5行 任务编号")).contains("本整治行动没有任务“RW09”");
    assertThat(errors.get("第6行 具体问题")).isEqualTo("请描述具体问题");
    assertThat(errors.get("第6行 问题来源")).contains("问题来源只能是");
    assertThat(errors.get("第6行 发现日期")).contains("格式应为");
    assertThat(JsonBodies.tree(call("staff2", HttpMethod.GET, "/api/rectifications/" + code, null).getBody())
        .path("problems").asInt()).as("nothing of the refused file is stored").isEqualTo(2);

    assertThat(importLedger("water1", code, withNewProblem).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> imported = importLedger("staff2", code, withNewProblem);
    assertThat(imported.getStatusCode()).as(imported.getBody()).isEqualTo(HttpStatus.OK);
    String added = JsonBodies.tree(imported.getBody()).path("problemNos").get(0).asText();
    assertThat(JsonBodies.tree(call("staff2", HttpMethod.GET, "/api/rectifications/" + code, null).getBody())
        .path("problems").asInt()).isEqualTo(3);
    JsonNode problem = JsonBodies.tree(call("water1", HttpMethod.GET, "/api/problems/" + added, null).getBody());
    assertThat(problem.path("problem").path("foundOn").asText()).isEqualTo("2026-01-06");
    assertThat(problem.path("problem").path("sourceLabel").asText()).isEqualTo("入户走访");
    assertThat(taskId("water1", added)).as("its rectification is under way").isNotBlank();
  }

  ResponseEntity<String> importLedger(String user, String code, byte[] xlsx) {
    HttpHeaders headers = county.as(user).headers();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    headers.set("X-Requested-With", "XMLHttpRequest");
    var parts = new LinkedMultiValueMap<String, Object>();
    parts.add("file", new ByteArrayResource(xlsx) {
      @Override
      public String getFilename() {
        return "整改台账.xlsx";
      }
    });
    return http.exchange("/api/rectifications/" + code + "/ledger", HttpMethod.POST, new HttpEntity<>(parts, headers),
        String.class);
  }

  // ---- helpers ----

  static int seq;

  static String code() {
    return "TP-API-" + (++seq) + "-" + System.nanoTime() % 1_000_000;
  }

  String drive() {
    String code = code();
    ResponseEntity<String> created = call("staff2", HttpMethod.POST, "/api/rectifications", Map.of("code", code,
        "name", "群众身边不正之风和腐败问题集中整治", "town", "太平镇", "deadline", "2027-12-31"));
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    return code;
  }

  String task(String code, String unit, String grid) {
    ResponseEntity<String> created = call("staff2", HttpMethod.POST, "/api/rectifications/" + code + "/tasks",
        Map.of("title", "排灌设施维修", "responsibleUnit", unit, "grid", grid, "deadline", "2099-08-31"));
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    return JsonBodies.tree(created.getBody()).path("taskNo").asText();
  }

  String problem(String code, String taskNo) {
    ResponseEntity<String> created = call("staff2", HttpMethod.POST,
        "/api/rectifications/" + code + "/tasks/" + taskNo + "/problems", Map.of("description", "排灌站水泵损坏",
            "source", "HOME_VISIT", "foundOn", "2026-01-05", "responsiblePerson", "周股长"));
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    return JsonBodies.tree(created.getBody()).path("problemNo").asText();
  }

  String taskId(String user, String problemNo) {
    JsonNode list = JsonBodies.tree(call(user, HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey="
        + problemNo, null).getBody());
    assertThat(list).as("%s's task of %s", user, problemNo).hasSize(1);
    return list.get(0).path("id").asText();
  }

  ResponseEntity<String> complete(String user, String taskId, Map<String, Object> values) {
    Map<String, Object> variables = new java.util.LinkedHashMap<>();
    values.forEach((k, v) -> variables.put(k, Map.of("value", v)));
    return call(user, HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete", Map.of("variables", variables));
  }

  ResponseEntity<String> upload(String user, String problemNo, byte[] bytes, String fileName) {
    HttpHeaders headers = county.as(user).headers();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    headers.set("X-Requested-With", "XMLHttpRequest");
    var parts = new LinkedMultiValueMap<String, Object>();
    parts.add("stage", "AFTER");
    parts.add("file", new ByteArrayResource(bytes) {
      @Override
      public String getFilename() {
        return fileName;
      }
    });
    return http.exchange("/api/problems/" + problemNo + "/evidence", HttpMethod.POST,
        new HttpEntity<>(parts, headers), String.class);
  }

  /** A small JPEG with an Exif segment and a comment that carry a GPS position, as phones write them. */
  static byte[] jpegWithGps() throws Exception {
    BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
    image.getGraphics().fillRect(4, 4, 10, 10);
    var plain = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", plain);
    byte[] jpeg = plain.toByteArray();
    byte[] exif = "Exif\0\0II*\0\b\0\0\0\0\0GPSLatitude 35.05N GPSLongitude 113.95E".getBytes(StandardCharsets.ISO_8859_1);
    var out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.write(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) ((exif.length + 2) >> 8), (byte) (exif.length + 2)});
    out.write(exif);
    out.write(jpeg, 2, jpeg.length - 2);
    byte[] withGps = out.toByteArray();
    assertThat(new String(withGps, StandardCharsets.ISO_8859_1)).contains("GPSLatitude");
    return withGps;
  }

  ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
    return county.as(user).exchange(method, path, body);
  }
}
