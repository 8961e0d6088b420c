package cn.liaison.platform.mobile;

import cn.liaison.platform.campaign.CampaignProcess;
import cn.liaison.platform.campaign.CampaignService;
import cn.liaison.platform.campaign.HouseholdStarts;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A 路寨镇 campaign started today whose households wait for their deputy's 入户动员: two of deputy1's in 东村 and one
 * of deputy2's in 西村, each with its plots, through the campaign's own service and its ledger table.
 */
public record DeputyHouseholds(String code, String prefix) {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  public static DeputyHouseholds start(CampaignService campaigns, RuntimeService runtime, ManagementService management,
      JdbcTemplate jdbc) {
    int n = SEQUENCE.incrementAndGet();
    String code = "M" + System.currentTimeMillis() % 100_000_000 + "-" + n;
    String prefix = "M" + n + (System.nanoTime() % 1000) + "-";
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    campaigns.create(new CampaignService.NewCampaign(code, "路寨镇水稻改种（移动工作台）", "路寨镇", "春季",
        new CampaignService.Phases(today.minusDays(1), today.plusDays(14), today.plusDays(60)), 3,
        new BigDecimal("9"), new BigDecimal("300"),
        List.of(new CampaignService.TeamEntry("deputy1", List.of("东村"), List.of()),
            new CampaignService.TeamEntry("deputy2", List.of("西村"), List.of()))), "staff3");
    household(jdbc, code, prefix + "001", "王有田", "东村", "deputy1", "13800001111", "P1", "2.0", "P2", "1.5");
    household(jdbc, code, prefix + "002", "李春花", "东村", "deputy1", "13800002222", "P1", "3.0");
    household(jdbc, code, prefix + "003", "赵西村", "西村", "deputy2", "13800003333", "P1", "1.0");
    campaigns.start(code);
    String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(code)
        .processDefinitionKey(CampaignProcess.CAMPAIGN_KEY).singleResult().getId();
    HouseholdStarts.runAll(management, instance);
    return new DeputyHouseholds(code, prefix);
  }

  private static void household(JdbcTemplate jdbc, String code, String no, String head, String village, String deputy,
      String phone, String... plots) {
    jdbc.update("INSERT INTO household (campaign_code, household_no, head_name, village, phone, responsible_deputy, "
        + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", code, no, head, village, phone, deputy,
        Timestamp.from(Instant.now()));
    Long id = jdbc.queryForObject("SELECT id FROM household WHERE campaign_code = ? AND household_no = ?", Long.class,
        code, no);
    for (int i = 0; i < plots.length; i += 2) {
      jdbc.update("INSERT INTO plot (household_id, plot_no, area_mu, terrain, current_crop) VALUES (?, ?, ?, "
          + "'NORMAL', '小麦')", id, plots[i], new BigDecimal(plots[i + 1]));
    }
  }

  /** The open task of a household's sign-off (入户动员, 签订协议, 种植确认), or null. */
  public Task openTask(RuntimeService runtime, TaskService tasks, String householdNo) {
    var pi = runtime.createProcessInstanceQuery().processDefinitionKey(CampaignProcess.HOUSEHOLD_KEY)
        .processInstanceBusinessKey(householdNo).variableValueEquals(CampaignProcess.Var.CAMPAIGN_CODE, code)
        .singleResult();
    return pi == null ? null : tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
  }

  public String no(int i) {
    return prefix + String.format("%03d", i);
  }
}
