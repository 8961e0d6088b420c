package cn.liaison.platform.statistics;

import static cn.liaison.platform.scenario.CountyScenario.TAIPING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.calendar.WorkingDayCalendar;
import cn.liaison.platform.scenario.CountyScenario;
import cn.liaison.platform.scenario.MarchAtTaiping;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * March 2029 at 太平镇 ({@link MarchAtTaiping}), built through the platform's real entry points (the citizen's
 * submission and evaluation, the opinion loop's tasks and timers, the reception, forum, proposal, rectification and
 * project APIs), then read back from GET /api/statistics: every figure is the one the scenario produced.
 */
@PlatformTest
public class StatisticsScenarioTests {

  static final String STATION = TAIPING;
  static final String FROM = MarchAtTaiping.FROM;
  static final String TO = MarchAtTaiping.TO;

  @RegisterExtension final CountyScenario county = CountyScenario.eachTest();
  @Autowired StatisticsService statistics;
  @Autowired DataSource dataSource;
  @Autowired WorkingDayCalendar calendar;

  @BeforeEach
  void theScenario() {
    MarchAtTaiping.ensureBuilt(county.context());
    // read on 2029-03-25, as the county office would at the month's end
    CountyScenario.clockAt(CountyScenario.beijing(2029, 3, 25, 9, 0));
  }

  @Test
  void everyFigureOfMarchAtTaipingIsWhatTheScenarioProduced() {
    JsonNode s = figures("analyst1", "from=" + FROM + "&to=" + TO + "&station=" + STATION);
    JsonNode o = s.path("opinions");
    // eight citizens' opinions by QR code and one taken at the reception
    assertThat(o.path("received").asLong()).isEqualTo(9);
    assertThat(o.path("byChannel").path("QR_CODE").asLong()).isEqualTo(8);
    assertThat(o.path("byChannel").path("MOBILE_RECEPTION").asLong()).isEqualTo(1);
    assertThat(o.path("byCategory").path("IRRIGATION").asLong()).isEqualTo(8);
    assertThat(o.path("byCategory").path("AGRICULTURE").asLong()).isEqualTo(1);
    assertThat(o.path("byStation").path(STATION).asLong()).isEqualTo(9);
    assertThat(o.path("byStation").has("cy-crane")).as("only the station asked for").isFalse();
    // closed: A B C D E F H; the reception's one waits for its rating, G is with a deputy's proposal
    assertThat(o.path("closed").asLong()).isEqualTo(7);
    assertThat(o.path("solved").asLong()).as("A, E, F").isEqualTo(3);
    assertThat(o.path("partlySolved").asLong()).as("B").isEqualTo(1);
    assertThat(o.path("unsolved").asLong()).as("D").isEqualTo(1);
    assertThat(o.path("closedOnTime").asLong()).as("all closed but F, answered after 超期督办").isEqualTo(6);
    assertThat(o.path("overdue").asLong()).as("F").isEqualTo(1);
    assertThat(o.path("toProposal").asLong()).as("G").isEqualTo(1);
    JsonNode e = o.path("evaluation");
    assertThat(e.path("satisfied").asLong()).isEqualTo(3);
    assertThat(e.path("basicallySatisfied").asLong()).isEqualTo(2);
    assertThat(e.path("dissatisfied").asLong()).isEqualTo(1);
    assertThat(e.path("notEvaluated").asLong()).isEqualTo(1);
    JsonNode r = o.path("rates");
    assertThat(r.path("closing").asDouble()).isCloseTo(7.0 / 9, within(1e-9));
    assertThat(r.path("onTime").asDouble()).isCloseTo(6.0 / 7, within(1e-9));
    assertThat(r.path("satisfaction").asDouble()).isCloseTo(5.0 / 6, within(1e-9));

    Map<String, JsonNode> departments = new LinkedHashMap<>();
    o.path("byDepartment").forEach(d -> departments.put(d.path("department").asText(), d));
    assertThat(departments).containsOnlyKeys("dept-water", "dept-agriculture", "dept-town");
    JsonNode water = departments.get("dept-water");
    assertThat(water.path("name").asText()).isEqualTo("县水利局");
    assertThat(water.path("assigned").asLong()).as("A B D F, and E before it was reassigned").isEqualTo(5);
    assertThat(water.path("closed").asLong()).isEqualTo(4);
    assertThat(water.path("closedOnTime").asLong()).isEqualTo(3);
    assertThat(water.path("overdue").asLong()).isEqualTo(1);
    assertThat(water.path("returned").asLong()).as("E, reassigned to the town").isEqualTo(1);
    assertThat(water.path("reopened").asLong()).isZero();
    assertThat(water.path("satisfaction").asDouble()).isEqualTo(1.0);
    JsonNode town = departments.get("dept-town");
    assertThat(town.path("assigned").asLong()).isEqualTo(1);
    assertThat(town.path("closedOnTime").asLong()).isEqualTo(1);
    assertThat(town.path("returned").asLong()).isZero();
    JsonNode agriculture = departments.get("dept-agriculture");
    assertThat(agriculture.path("assigned").asLong()).isEqualTo(1);
    assertThat(agriculture.path("reopened").asLong()).as("C, the citizen was dissatisfied once").isEqualTo(1);

    JsonNode p = s.path("proposals");
    assertThat(p.path("submitted").asLong()).isEqualTo(1);
    assertThat(p.path("fromOpinions").asLong()).isEqualTo(1);

    JsonNode f = s.path("forums");
    assertThat(f.path("held").asLong()).isEqualTo(1);
    assertThat(f.path("invitedDeputies").asLong()).isEqualTo(2);
    assertThat(f.path("attendedDeputies").asLong()).isEqualTo(2);
    assertThat(f.path("participationRate").asDouble()).isEqualTo(1.0);
    assertThat(f.path("suggestions").asLong()).isEqualTo(3);

    JsonNode c = s.path("receptions");
    assertThat(c.path("sessions").asLong()).isEqualTo(1);
    assertThat(c.path("visitors").asLong()).isEqualTo(8);
    assertThat(c.path("opinions").asLong()).isEqualTo(1);
    assertThat(c.path("solvedOnSpot").asLong()).isEqualTo(1);
    assertThat(c.path("solved").asLong()).isEqualTo(1);

    JsonNode re = s.path("rectification");
    assertThat(re.path("tasks").asLong()).as("the drive's task and the project's").isEqualTo(2);
    assertThat(re.path("problems").asLong()).as("three listed, two found at the inspection").isEqualTo(5);
    assertThat(re.path("rectified").asLong()).isEqualTo(1);
    assertThat(re.path("overdue").asLong()).as("one past its deadline of 2029-03-20").isEqualTo(1);

    JsonNode pj = s.path("projects");
    assertThat(pj.path("supervised").asLong()).isEqualTo(1);
    assertThat(pj.path("inspections").asLong()).isEqualTo(1);
    assertThat(pj.path("problemsFound").asLong()).isEqualTo(2);
  }

  @Test
  void aTownAsksForItsStationsAndAnotherMonthIsEmptyWithRatesNull() {
    JsonNode town = figures("supervisor1", "from=" + FROM + "&to=" + TO + "&town=太平镇");
    assertThat(town.path("opinions").path("received").asLong()).isEqualTo(9);
    assertThat(town.path("period").path("town").asText()).isEqualTo("太平镇");

    JsonNode other = figures("analyst1", "from=2029-05-01&to=2029-05-31&station=" + STATION);
    assertThat(other.path("opinions").path("received").asLong()).isZero();
    assertThat(other.path("opinions").path("rates").path("closing").isNull()).isTrue();
    assertThat(other.path("opinions").path("rates").path("onTime").isNull()).isTrue();
    assertThat(other.path("opinions").path("rates").path("satisfaction").isNull()).isTrue();
    assertThat(other.path("forums").path("participationRate").isNull()).isTrue();
    assertThat(other.path("opinions").path("byDepartment")).isEmpty();

    // the station's own staff see the same; staff of 长垣 do not
    assertThat(figures("staff2", "from=" + FROM + "&to=" + TO).path("opinions").path("received").asLong())
        .isEqualTo(9);
    assertThat(get("staff1", "from=" + FROM + "&to=" + TO + "&station=" + STATION).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    JsonNode crane = figures("staff1", "from=" + FROM + "&to=" + TO);
    assertThat(crane.path("opinions").path("byStation").has(STATION)).isFalse();
  }

  @Test
  void aCountyWeighting基本满意AtNineTenthsLowersTheSatisfactionRate() {
    StatisticsService weighted = new StatisticsService(JdbcClient.create(dataSource),
        new StatisticsProperties(1.0, 0.9), Clock.systemUTC(), calendar);
    Statistics s = weighted.figures(new Statistics.Period(LocalDate.parse(FROM), LocalDate.parse(TO), STATION, null));
    // (3 × 1.0 + 2 × 0.9) ÷ 6
    assertThat(s.opinions().rates().satisfaction()).isCloseTo(4.8 / 6, within(1e-9));
    assertThat(statistics.figures(s.period()).opinions().rates().satisfaction()).isCloseTo(5.0 / 6, within(1e-9));
  }

  JsonNode figures(String user, String query) {
    ResponseEntity<String> r = get(user, query);
    assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(HttpStatus.OK);
    return JsonBodies.tree(r.getBody());
  }

  ResponseEntity<String> get(String user, String query) {
    return county.as(user).get("/api/statistics?" + query);
  }
}
