package cn.liaison.platform.mobile;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.campaign.CampaignProcess;
import cn.liaison.platform.campaign.CampaignService;
import cn.liaison.platform.campaign.Households;
import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.system.TasklistSession;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;

/**
 * 拍照 on the phone: the planting photo of deputy1's household is filed with that household, cleaned of its metadata,
 * and seen by those who may see the household; another deputy, a task that takes no photos, a file that is no photo
 * is refused in Chinese, one too large with 413, and nothing is stored.
 */
@PlatformTest
class MobilePhotoApiTests {

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired CampaignService campaigns;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired TaskPhotos taskPhotos;
  @Autowired Households households;

  DeputyHouseholds ledger;
  MobileWorkbenchApiTests sessions = new MobileWorkbenchApiTests();

  @BeforeEach
  void deputyOnesHouseholdWaitsForPlanting() {
    http = http.withRedirects(org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW);
    sessions.http = http;
    ledger = DeputyHouseholds.start(campaigns, runtime, management, jdbc);
  }

  @Test
  void plantingPhotoIsFiledWithTheHouseholdAndShownOnTheTask() throws IOException {
    String session = sessions.logIn("deputy1");
    Task planting = toPlanting(session);
    assertThat(JsonBodies.tree(sessions.get(session, photos(planting)).getBody()).path("accepts").asBoolean())
        .as("种植确认 takes photos").isTrue();

    ResponseEntity<String> added = upload(session, planting, jpeg(2000, 1200));
    assertThat(added.getStatusCode()).as(added.getBody()).isEqualTo(HttpStatus.CREATED);
    JsonNode photo = JsonBodies.tree(added.getBody());
    assertThat(photo.path("contentType").asText()).isEqualTo("image/jpeg");
    long householdId = householdId();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM evidence_photo WHERE subject_kind = 'household' "
        + "AND subject_id = ? AND uploaded_by = 'deputy1'", Long.class, Long.toString(householdId))).isEqualTo(1L);

    JsonNode list = JsonBodies.tree(sessions.get(session, photos(planting)).getBody());
    assertThat(list.path("photos")).hasSize(1);
    ResponseEntity<byte[]> image = bytes(session, list.path("photos").get(0).path("url").asText());
    assertThat(image.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(image.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_JPEG);
    assertThat(image.getHeaders().getCacheControl()).contains("no-store");
    assertThat(ImageIO.read(new java.io.ByteArrayInputStream(image.getBody())).getWidth()).isEqualTo(2000);

    // after planting, the household's photo stays for its deputy, the town's station staff and auditors only
    String householdPhoto = "/m/api/households/" + householdId + "/photos/" + photo.path("id").asLong();
    assertThat(bytes(session, householdPhoto).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(bytes(sessions.logIn("staff3"), householdPhoto).getStatusCode()).as("路寨镇 station staff")
        .isEqualTo(HttpStatus.OK);
    // auditors have no workbench login (no Tasklist); the rule itself lets them see it
    var household = households.find(householdId).orElseThrow();
    assertThat(taskPhotos.maySeeHousehold(household, new TasklistSession.User("auditor1",
        List.of(PlatformGroups.AUDITORS)))).isTrue();
    assertThat(taskPhotos.maySeeHousehold(household, new TasklistSession.User("staff9",
        List.of("station-staff-another-town")))).as("another town's station staff").isFalse();
    assertThat(bytes(sessions.logIn("deputy2"), householdPhoto).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void anotherDeputyCannotAddOrSeePhotosOfDeputyOnesTask() throws IOException {
    String mine = sessions.logIn("deputy1");
    Task planting = toPlanting(mine);
    upload(mine, planting, jpeg(400, 300));
    String other = sessions.logIn("deputy2");
    ResponseEntity<String> refused = upload(other, planting, jpeg(300, 300));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(refused.getBody()).contains("未找到该任务");
    assertThat(sessions.get(other, photos(planting)).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(storedFor(householdId())).isEqualTo(1L);
    assertThat(upload(null, planting, jpeg(300, 300)).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(storedFor(householdId())).isEqualTo(1L);
  }

  @Test
  void aFileThatIsNoPhotoOrTooLargeIsRefusedAndNothingIsStored() throws IOException {
    String session = sessions.logIn("deputy1");
    Task planting = toPlanting(session);

    ResponseEntity<String> pdf = upload(session, planting, "%PDF-1.7 not a photo".getBytes());
    assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(JsonBodies.tree(pdf.getBody()).path("errors").get(0).path("message").asText())
        .contains("只能上传 JPEG、PNG 或 HEIC 格式的照片");

    ResponseEntity<String> huge = upload(session, planting, new byte[11 * 1024 * 1024]);
    assertThat(huge.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    assertThat(huge.getHeaders().getContentType()).hasToString("application/problem+json");
    assertThat(huge.getBody()).contains("上传的文件过大").contains("10 MB");
    assertThat(storedFor(householdId())).isZero();
  }

  @Test
  void aTaskThatAsksForNoEvidenceTakesNoPhoto() throws IOException {
    String session = sessions.logIn("deputy1");
    Task visit = ledger.openTask(runtime, tasks, ledger.no(1));
    assertThat(JsonBodies.tree(sessions.get(session, photos(visit)).getBody()).path("accepts").asBoolean()).isFalse();
    ResponseEntity<String> refused = upload(session, visit, jpeg(300, 200));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).contains("此任务不需要上传照片");
    assertThat(storedFor(householdId())).isZero();
  }

  Task toPlanting(String session) {
    Task visit = ledger.openTask(runtime, tasks, ledger.no(1));
    sessions.post(session, "/m/api/tasks/" + visit.getId() + "/complete", "{\"variables\":{\"visitOutcome\":\"WILLING\"}}");
    Task sign = ledger.openTask(runtime, tasks, ledger.no(1));
    ResponseEntity<String> signed = sessions.post(session, "/m/api/tasks/" + sign.getId() + "/complete",
        "{\"variables\":{\"agreementNo\":\"LZ-XY-" + ledger.prefix() + "\",\"signedPlots\":[\"P1\",\"P2\"],"
            + "\"signedMu\":3.5}}");
    assertThat(signed.getStatusCode()).as(signed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    Task planting = ledger.openTask(runtime, tasks, ledger.no(1));
    assertThat(planting.getTaskDefinitionKey()).isEqualTo(CampaignProcess.Task.CONFIRM_PLANTING);
    return planting;
  }

  long householdId() {
    return jdbc.queryForObject("SELECT id FROM household WHERE campaign_code = ? AND household_no = ?", Long.class,
        ledger.code(), ledger.no(1));
  }

  long storedFor(long householdId) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM evidence_photo WHERE subject_kind = 'household' AND subject_id = ?",
        Long.class, Long.toString(householdId));
  }

  static String photos(Task task) {
    return "/m/api/tasks/" + task.getId() + "/photos";
  }

  ResponseEntity<String> upload(String session, Task task, byte[] content) {
    HttpHeaders headers = session == null ? new HttpHeaders() : sessions.cookie(session);
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    headers.add("X-Requested-With", "liaison-mobile"); // as the page sends it (the cross-site guard wants it)
    var body = new LinkedMultiValueMap<String, Object>();
    body.add("file", new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return "photo.jpg";
      }
    });
    return http.exchange(photos(task), HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  ResponseEntity<byte[]> bytes(String session, String path) {
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(sessions.cookie(session)), byte[].class);
  }

  /** A camera-sized picture made here, so that the test needs no file. */
  static byte[] jpeg(int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    var g = image.getGraphics();
    g.setColor(new Color(60, 140, 60));
    g.fillRect(0, 0, width, height);
    g.setColor(new Color(200, 180, 40));
    g.fillRect(width / 4, height / 4, width / 2, height / 2);
    var out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", out);
    return out.toByteArray();
  }
}
