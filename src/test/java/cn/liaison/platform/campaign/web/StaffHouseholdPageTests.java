package cn.liaison.platform.campaign.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.WebappLogin;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The household card linked from the sign-off forms: the responsible deputy may call, others see it masked. */
@PlatformTest
class StaffHouseholdPageTests {

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;

  long householdId;

  @BeforeEach
  void householdOfDeputyOne() {
    String code = "CARD-" + System.nanoTime();
    jdbc.update("INSERT INTO campaign (code, name, town, start_date, sign_plant_date, wrap_up_date, target_households, "
        + "target_mu, subsidy_per_mu, created_at) VALUES (?, '路寨镇水稻改种', '路寨镇', DATE '2027-04-01', "
        + "DATE '2027-04-15', DATE '2027-06-30', 1, 2, 300, ?)", code, Timestamp.from(Instant.now()));
    jdbc.update("INSERT INTO household (campaign_code, household_no, head_name, village, phone, responsible_deputy, "
        + "updated_at) VALUES (?, 'H-9', '李四', '东村', '13912345678', 'deputy1', ?)", code,
        Timestamp.from(Instant.now()));
    householdId = jdbc.queryForObject("SELECT id FROM household WHERE campaign_code = ?", Long.class, code);
    jdbc.update("INSERT INTO plot (household_id, plot_no, area_mu, terrain) VALUES (?, 'P1', 2.0, 'HIGH_GROUND')",
        householdId);
  }

  @Test
  void responsibleDeputyAndTheTownsStationStaffSeeNameAndPhoneToVisit() {
    assertThat(page("deputy1").getBody()).contains("李四", "13912345678", "tel:13912345678", "地势高");
    // staff3 works at 路寨镇产业代表联络站, the station of the campaign's town
    assertThat(page("staff3").getBody()).contains("李四", "13912345678");
  }

  @Test
  void staffOfAnotherStationSeeNothingLikeAnUnknownHousehold() {
    ResponseEntity<String> foreign = page("staff1");
    ResponseEntity<String> unknown = WebappLogin.getAs(http, "staff1", "/staff/households/" + (householdId + 100_000));
    assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(foreign.getBody()).isEqualTo(unknown.getBody()).doesNotContain("13912345678", "李四");
  }

  @Test
  void otherDeputiesSeeItMaskedAndOutsidersNothing() {
    ResponseEntity<String> other = page("deputy2");
    assertThat(other.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(other.getBody()).contains("139****5678").doesNotContain("13912345678", "李四");
    assertThat(page("water1").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.getForEntity("/staff/households/" + householdId, String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  ResponseEntity<String> page(String user) {
    return WebappLogin.getAs(http, user, "/staff/households/" + householdId);
  }
}
