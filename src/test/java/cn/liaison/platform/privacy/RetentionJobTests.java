package cn.liaison.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.campaign.CampaignService;
import cn.liaison.platform.campaign.Households;
import cn.liaison.platform.opinion.OpinionService;
import cn.liaison.platform.opinion.OpinionSubmission;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The daily retention job blanks citizens' names and phones only on items that ended longer ago than the setting
 * (one year), leaves everything else as it is, runs once a day whatever the number of nodes, and says what it did
 * in the audit trail.
 */
@PlatformTest
class RetentionJobTests {

  static final AtomicInteger SEQ = new AtomicInteger();

  @Autowired RetentionJob job;
  @Autowired OpinionService opinions;
  @Autowired CampaignService campaigns;
  @Autowired JdbcTemplate jdbc;
  @Autowired Clock clock;

  @Test
  void contactsOfItemsEndedMoreThanAYearAgoAreBlankedAndNothingElse() {
    Instant now = clock.instant();
    String closedLongAgo = opinion("13700000001");
    String closedRecently = opinion("13700000002");
    String stillOpen = opinion("13700000003");
    close(closedLongAgo, now.minus(Duration.ofDays(400)));
    close(closedRecently, now.minus(Duration.ofDays(300)));
    String campaign = "rt-" + SEQ.incrementAndGet() + "-" + System.nanoTime() % 100000;
    campaigns.create(new CampaignService.NewCampaign(campaign, "路寨镇水稻改种（保存期限测试）", "路寨镇", "测试",
        new CampaignService.Phases(LocalDate.now().minusYears(2), LocalDate.now().minusYears(2).plusDays(30),
            LocalDate.now().minusYears(2).plusDays(60)), 3, new BigDecimal("3"), new BigDecimal("300"),
        List.of(new CampaignService.TeamEntry("deputy6", List.of("东庄村"), List.of()))), "staff3");
    household(campaign, "H1", "CROSSED_OFF", now.minus(Duration.ofDays(500)), now.minus(Duration.ofDays(500)));
    household(campaign, "H2", "CROSSED_OFF", now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(30)));
    household(campaign, "H3", "NOT_CONVERTED", null, now.minus(Duration.ofDays(400)));
    household(campaign, "H4", "SIGNED", null, now.minus(Duration.ofDays(600)));

    RetentionJob.Result result = job.run();

    assertThat(contact(closedLongAgo)).containsEntry("CONTACT_NAME", null).containsEntry("CONTACT_PHONE", null)
        .containsEntry("STATUS", "CLOSED").containsEntry("SATISFACTION", "SATISFIED");
    assertThat(contact(closedLongAgo).get("CONTENT")).as("the text stays: only contact data expires")
        .isEqualTo("村口道路坑洼，雨天积水严重，希望尽快修补（保存期限测试）。");
    assertThat(contact(closedRecently)).containsEntry("CONTACT_NAME", "周先生").containsEntry("CONTACT_PHONE",
        "13700000002");
    assertThat(contact(stillOpen)).containsEntry("CONTACT_PHONE", "13700000003");
    assertThat(head(campaign, "H1")).containsEntry("HEAD_NAME", Households.BLANKED_NAME).containsEntry("PHONE", null)
        .containsEntry("STATUS", "CROSSED_OFF");
    assertThat(head(campaign, "H2")).containsEntry("HEAD_NAME", "赵大成").containsEntry("PHONE", "13800002222");
    assertThat(head(campaign, "H3")).containsEntry("HEAD_NAME", Households.BLANKED_NAME).containsEntry("PHONE", null);
    assertThat(head(campaign, "H4")).as("not ended").containsEntry("HEAD_NAME", "赵大成");
    assertThat(result.opinions()).isGreaterThanOrEqualTo(1);
    assertThat(result.households()).isGreaterThanOrEqualTo(2);

    Map<String, Object> audit = jdbc.queryForMap("SELECT * FROM audit_event WHERE action = 'RETENTION_RUN' "
        + "ORDER BY id DESC LIMIT 1");
    assertThat(audit.get("ACTOR")).isEqualTo("system");
    assertThat((String) audit.get("SUMMARY")).isEqualTo("到期清除个人信息：意见 " + result.opinions() + " 条，农户 "
        + result.households() + " 户");
    assertThat((String) audit.get("DETAIL")).contains("保存期限 P1Y");

    // the next run finds nothing left to do
    assertThat(job.run().opinions()).isZero();
  }

  @Test
  void onlyOneRunPerDayWhateverTheNumberOfNodes() {
    jdbc.update("UPDATE scheduled_run SET last_run_on = NULL WHERE job = 'retention'");
    assertThat(job.runIfNotYetToday()).as("the first node of the day").isPresent();
    assertThat(job.runIfNotYetToday()).as("a second node, or the first again").isEmpty();
    assertThat(jdbc.queryForObject("SELECT last_run_on FROM scheduled_run WHERE job = 'retention'",
        java.sql.Date.class).toLocalDate()).isEqualTo(clock.instant().atZone(java.time.ZoneId.of("Asia/Shanghai"))
        .toLocalDate());
  }

  String opinion(String phone) {
    return opinions.submit(new OpinionSubmission("cy-crane", "OTHER", "村口道路坑洼，雨天积水严重，希望尽快修补（保存期限测试）。",
        "起重产业园", "周先生", phone, false, true, null), null).ticketNo();
  }

  void close(String ticket, Instant at) {
    jdbc.update("UPDATE opinion SET status = 'CLOSED', satisfaction = 'SATISFIED', closed_at = ? WHERE ticket_no = ?",
        Timestamp.from(at), ticket);
  }

  void household(String campaign, String no, String status, Instant crossedOff, Instant updated) {
    jdbc.update("INSERT INTO household (campaign_code, household_no, head_name, village, phone, responsible_deputy, "
        + "status, crossed_off_at, updated_at) VALUES (?, ?, '赵大成', '东庄村', '13800002222', 'deputy6', ?, ?, ?)",
        campaign, no, status, crossedOff == null ? null : Timestamp.from(crossedOff), Timestamp.from(updated));
  }

  Map<String, Object> contact(String ticket) {
    return jdbc.queryForMap("SELECT contact_name, contact_phone, content, status, satisfaction FROM opinion "
        + "WHERE ticket_no = ?", ticket);
  }

  Map<String, Object> head(String campaign, String no) {
    return jdbc.queryForMap("SELECT head_name, phone, status FROM household WHERE campaign_code = ? AND "
        + "household_no = ?", campaign, no);
  }
}
