package cn.liaison.platform.rectification.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.scenario.CountyScenario;
import cn.liaison.platform.scenario.RectificationDrive;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A safety hazard flagged in a reception's summary raised as a rectification problem in one click by 太平镇's staff:
 * linked both ways (the flag shows the problem's number, the problem names the reception), once only (409), not by
 * another station's staff (403), and a wrong field stores nothing — no problem, no link.
 */
@PlatformTest
class ReceptionFlagProblemTests {

  static final ZonedDateTime NOW = CountyScenario.beijing(2027, 5, 20, 9, 0);

  /** Each test begins before the harvest. */
  @RegisterExtension final CountyScenario county = CountyScenario.eachTestAt(NOW);
  @Autowired TaskService tasks;

  @Test
  void aHazardFlaggedAtTheFieldPostBecomesOneProblemLinkedBothWays() {
    String receptionNo = summarizedReception();
    long hazard = flags(receptionNo).get(0).path("id").asLong();
    RectificationDrive safetyDrive = county.rectificationDrive("TP-FLAG").named("三夏安全隐患集中整治")
        .deadline("2027-12-31").launchedBy("staff2");
    String drive = safetyDrive.code();
    String taskNo = safetyDrive.task("禁烧卡点周边安全隐患整改", CountyScenario.WATER, "tp-hetan", "2027-08-31").taskNo();

    // another station's staff: refused, nothing stored
    assertThat(raise("staff1", receptionNo, hazard, Map.of("driveCode", drive, "taskNo", taskNo,
        "responsiblePerson", "周股长")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    // a wrong task and no responsible person: refused field by field, nothing stored
    ResponseEntity<String> bad = raise("staff2", receptionNo, hazard, Map.of("driveCode", drive, "taskNo", "RW99",
        "responsiblePerson", " "));
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody()).contains("整治行动中没有这项整改任务");
    ResponseEntity<String> noPerson = raise("staff2", receptionNo, hazard, Map.of("driveCode", drive, "taskNo", taskNo,
        "deadline", "八月底"));
    assertThat(noPerson.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noPerson.getBody()).contains("请填写责任人", "整改期限");
    assertThat(problemsIn(drive)).isZero();
    assertThat(flags(receptionNo).get(0).hasNonNull("rectificationProblemNo")).as("no link stored").isFalse();

    // one click: the flag's text, the reception's day and number carried over
    ResponseEntity<String> raised = raise("staff2", receptionNo, hazard, Map.of("driveCode", drive, "taskNo", taskNo,
        "responsiblePerson", "周股长"));
    assertThat(raised.getStatusCode()).as(raised.getBody()).isEqualTo(HttpStatus.CREATED);
    String problemNo = JsonBodies.tree(raised.getBody()).path("problemNo").asText();
    assertThat(flags(receptionNo).get(0).path("rectificationProblemNo").asText()).isEqualTo(problemNo);
    JsonNode problem = county.as("staff2").read("/api/problems/" + problemNo).path("problem");
    assertThat(problem.path("source").asText()).isEqualTo("RECEPTION");
    assertThat(problem.path("sourceRef").asText()).isEqualTo(receptionNo);
    assertThat(problem.path("description").asText()).contains("安全隐患", "王庄村东秸秆堆放紧邻变压器");
    assertThat(problem.path("foundOn").asText()).isEqualTo(NOW.plusDays(4).toLocalDate().toString());
    // its process runs: the water bureau has it to rectify
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(problemNo).taskCandidateGroup("dept-water").count())
        .isEqualTo(1);

    // twice: a conflict, still one problem
    ResponseEntity<String> again = raise("staff2", receptionNo, hazard, Map.of("driveCode", drive, "taskNo", taskNo,
        "responsiblePerson", "周股长"));
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(again.getBody()).contains("已经立为整改问题");
    assertThat(problemsIn(drive)).isEqualTo(1);

    // a flag id of another reception is not found through this one
    String other = summarizedReception();
    long foreign = flags(other).get(1).path("id").asLong();
    assertThat(raise("staff2", receptionNo, foreign, Map.of("driveCode", drive, "taskNo", taskNo,
        "responsiblePerson", "周股长")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(problemsIn(drive)).isEqualTo(1);
  }

  // ---- helpers ----

  /** A field post four days ahead, held, and summarized by 太平镇's staff with two hazards and a petition sign. */
  String summarizedReception() {
    CountyScenario.clockAt(NOW);
    return county.reception(CountyScenario.TAIPING).startsAt(NOW.plusDays(4)).onDuty("deputy5").announcedBy("staff2")
        .opened().ended().summarized("接待群众十二人次，收集意见两条，当场解决一件。", "王庄村东秸秆堆放紧邻变压器\n麦场旁电线老化",
            "两户因地界纠纷多次争执").no();
  }

  List<JsonNode> flags(String receptionNo) {
    JsonNode view = county.as("staff2").read("/api/receptions/" + receptionNo);
    List<JsonNode> flags = new ArrayList<>();
    view.path("flags").forEach(flags::add);
    assertThat(flags).hasSize(3);
    return flags;
  }

  int problemsIn(String drive) {
    return county.as("staff2").read("/api/rectifications/" + drive).path("problems").asInt();
  }

  ResponseEntity<String> raise(String user, String receptionNo, long flagId, Map<String, Object> body) {
    return county.as(user).post("/api/receptions/" + receptionNo + "/flags/" + flagId + "/problem", body);
  }
}
