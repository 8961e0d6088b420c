package cn.liaison.platform.campaign;

import cn.liaison.platform.audit.AuditAction;
import cn.liaison.platform.audit.AuditSubject;
import cn.liaison.platform.audit.AuditTrail;
import cn.liaison.platform.audit.Changes;
import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.station.Station;
import cn.liaison.platform.station.Stations;
import cn.liaison.platform.system.ConflictException;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.NotFoundException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating and starting campaigns, and moving a household to another responsible deputy. */
@Service
public class CampaignService {

  static final Pattern CODE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$");


  /** What staff send to create a campaign. */
  public record NewCampaign(String code, String name, String town, String season, Phases phases,
      Integer targetHouseholds, BigDecimal targetMu, BigDecimal subsidyPerMu, List<TeamEntry> team) {}

  public record Phases(LocalDate start, LocalDate signAndPlant, LocalDate wrapUp) {}

  public record TeamEntry(String deputy, List<String> villages, List<String> areas) {}

  private final Campaigns campaigns;
  private final Households households;
  private final IdentityService identity;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ZoneId zone;
  private final String subsidyCycle;
  private final Period wrapUpPeriod;
  /** Parallel jobs that start the households' sign-offs (each a disjoint share of the ledger). */
  private final int startShards;
  private final CampaignSteps steps;
  private final Stations stations;

  private final cn.liaison.platform.identity.Deputies deputies;
  private final AuditTrail audit;

  CampaignService(Campaigns campaigns, Households households, IdentityService identity, RuntimeService runtime,
      TaskService tasks, cn.liaison.platform.calendar.WorkingDayCalendar calendar, CampaignSteps steps,
      Stations stations, @Value("${liaison.campaign.subsidy-cycle:R/P7D}") String subsidyCycle,
      @Value("${liaison.campaign.wrap-up-period:P30D}") String wrapUpPeriod,
      @Value("${liaison.campaign.start-shards:4}") int startShards,
      cn.liaison.platform.identity.Deputies deputies, AuditTrail audit) {
    this.deputies = deputies;
    this.audit = audit;
    this.wrapUpPeriod = Period.parse(wrapUpPeriod);
    if (startShards < 1 || startShards > 64) {
      throw new IllegalArgumentException("liaison.campaign.start-shards must be 1 to 64, not " + startShards);
    }
    this.startShards = startShards;
    this.steps = steps;
    this.stations = stations;
    this.campaigns = campaigns;
    this.households = households;
    this.identity = identity;
    this.runtime = runtime;
    this.tasks = tasks;
    this.zone = calendar.zone();
    this.subsidyCycle = subsidyCycle;
  }

  @Transactional
  public Campaign create(NewCampaign c, String createdBy) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (c.code() == null || !CODE.matcher(c.code()).matches()) {
      errors.put("code", "活动编号只能包含字母、数字、下划线和连字符（2 至 64 位）");
    } else if (campaigns.exists(c.code())) {
      errors.put("code", "活动编号已存在");
    }
    text(errors, "name", c.name(), "请填写活动名称", 100);
    text(errors, "town", c.town(), "请填写乡镇", 50);
    if (c.season() != null && c.season().length() > 50) {
      errors.put("season", "季节不能超过 50 个字");
    }
    Phases p = c.phases();
    if (p == null || p.start() == null || p.signAndPlant() == null || p.wrapUp() == null) {
      errors.put("phases", "请填写三个阶段的日期：起步 start、签约种植 signAndPlant、扫尾 wrapUp");
    } else if (!p.start().isBefore(p.signAndPlant()) || !p.signAndPlant().isBefore(p.wrapUp())) {
      errors.put("phases", "阶段日期应依次递增：起步 < 签约种植 < 扫尾");
    }
    if (c.targetHouseholds() == null || c.targetHouseholds() < 1 || c.targetHouseholds() > 100_000) {
      errors.put("targetHouseholds", "目标户数应为 1 至 100000");
    }
    if (c.targetMu() == null || c.targetMu().signum() <= 0 || c.targetMu().scale() > 2) {
      errors.put("targetMu", "目标面积（亩）应大于 0，最多两位小数");
    }
    if (c.subsidyPerMu() == null || c.subsidyPerMu().signum() < 0 || c.subsidyPerMu().scale() > 2
        || c.subsidyPerMu().compareTo(new BigDecimal("10000")) > 0) {
      errors.put("subsidyPerMu", "每亩补贴应在 0 至 10000 元之间，最多两位小数");
    }
    List<Campaign.TeamMember> team = new ArrayList<>();
    Set<String> scopes = new HashSet<>();
    if (c.team() == null || c.team().isEmpty()) {
      errors.put("team", "请填写人大代表帮帮团：每位代表包保的村或片区");
    } else {
      for (int i = 0; i < c.team().size(); i++) {
        TeamEntry t = c.team().get(i);
        String field = "team[" + i + "]";
        if (!deputies.isDeputy(t.deputy())) {
          errors.put(field + ".deputy", "“" + t.deputy() + "”不是人大代表组的用户");
        }
        boolean any = false;
        for (String v : t.villages() == null ? List.<String>of() : t.villages()) {
          any |= scope(errors, field + ".villages", scopes, team, t.deputy(), Campaign.ScopeKind.VILLAGE, v);
        }
        for (String a : t.areas() == null ? List.<String>of() : t.areas()) {
          any |= scope(errors, field + ".areas", scopes, team, t.deputy(), Campaign.ScopeKind.AREA, a);
        }
        if (!any && !errors.containsKey(field + ".villages")) {
          errors.put(field, "每位代表至少包保一个村或片区");
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Campaign campaign = new Campaign(c.code(), c.name().strip(), c.town().strip(), c.season(), p.start(),
        p.signAndPlant(), p.wrapUp(), c.targetHouseholds(), c.targetMu(), c.subsidyPerMu(), Campaign.Status.DRAFT,
        null, null, team);
    campaigns.insert(campaign, createdBy);
    audit.recordBy(createdBy, AuditAction.CAMPAIGN_CREATED, AuditSubject.campaign(c.code()), null,
        "创建“" + campaign.name() + "”（" + campaign.town() + "）", "包保代表 " + team.size() + " 名");
    return campaigns.find(c.code()).orElseThrow();
  }

  /** Starts the campaign's process; its first step starts the households' sign-off processes in batches. */
  @Transactional
  public Campaign start(String code) {
    Campaign c = campaigns.find(code).orElseThrow(() -> new NotFoundException("改种行动不存在：" + code));
    if (c.status() != Campaign.Status.DRAFT) {
      throw new ConflictException("该改种行动已启动。");
    }
    if (households.ofCampaignCount(code) == 0) {
      throw new ConflictException("台账中还没有农户，请先导入工作台账。");
    }
    String pid = runtime.createProcessInstanceByKey(CampaignProcess.CAMPAIGN_KEY).businessKey(code)
        .setVariables(Variables.createVariables()
            .putValue(CampaignProcess.Var.CAMPAIGN_CODE, code)
            .putValue(CampaignProcess.Var.CAMPAIGN_NAME, c.name())
            .putValue(CampaignProcess.Var.TOWN, c.town())
            .putValue(CampaignProcess.Var.STATION_STAFF_GROUPS, String.join(",", staffGroups(c)))
            .putValue(CampaignProcess.Var.SIGN_AND_PLANT_DATE, c.signAndPlantBegins(zone))
            .putValue(CampaignProcess.Var.WRAP_UP_DATE, c.wrapUpBegins(zone))
            .putValue(CampaignProcess.Var.WRAP_UP_DUE_DATE, c.wrapUpDue(zone, wrapUpPeriod))
            .putValue(CampaignProcess.Var.SUBSIDY_CYCLE, subsidyCycle)
            .putValue(CampaignProcess.Var.HOUSEHOLD_START_SHARDS, startShards))
        .execute().getId();
    campaigns.started(code, pid);
    audit.record(AuditAction.CAMPAIGN_STARTED, AuditSubject.campaign(code), null, "启动“" + c.name() + "”", null);
    return campaigns.find(code).orElseThrow();
  }

  /**
   * The staff groups of the stations of the campaign's town (a campaign has no station of its own: its town's
   * stations serve it). A town without a station of its own falls back to all station staff (station-staff).
   */
  public List<String> staffGroups(Campaign c) {
    return staffGroupsOfTown(c.town());
  }

  /** The staff groups of a town's stations, or station-staff (every station's staff) if it has none. */
  public List<String> staffGroupsOfTown(String town) {
    List<String> groups = town == null ? List.of()
        : stations.findByTown(town.strip()).stream().map(Station::staffGroup).toList();
    return groups.isEmpty() ? List.of(PlatformGroups.STATION_STAFF) : groups;
  }

  /**
   * Households added to the ledger of a running campaign (during 起步 or 签约种植) get their sign-off at once;
   * before the start they wait for it. After mobilisation ended (扫尾) the ledger import refuses new households,
   * so there is nothing to start. Returns how many were started.
   */
  @Transactional
  public int startLateHouseholds(String code) {
    Campaign c = campaigns.find(code).orElseThrow(() -> new NotFoundException("改种行动不存在：" + code));
    if (c.status() != Campaign.Status.STARTED && c.status() != Campaign.Status.SIGN_AND_PLANT) {
      return 0;
    }
    int before = households.countNotStarted(code, 0, 1);
    while (steps.startNextSignOffs(code, 0, 1) > 0) {
      // next batch
    }
    return before;
  }

  /** Another deputy answers for the household from now on; its open tasks move with it. */
  @Transactional
  public Household changeDeputy(String campaignCode, String householdNo, String deputy) {
    Household h = households.find(campaignCode, householdNo)
        .orElseThrow(() -> new NotFoundException("农户不存在：" + householdNo));
    if (!deputies.isDeputy(deputy)) {
      throw new InvalidInputException("deputy", "“" + deputy + "”不是人大代表组的用户");
    }
    households.assignDeputy(h.id(), deputy);
    audit.record(AuditAction.HOUSEHOLD_DEPUTY_CHANGED, AuditSubject.household(campaignCode, householdNo), null,
        "调整包保代表", Changes.of().field("包保代表", h.responsibleDeputy(), deputy).text());
    if (h.processInstanceId() != null) {
      boolean running = runtime.createProcessInstanceQuery().processInstanceId(h.processInstanceId()).count() > 0;
      if (running) {
        runtime.setVariable(h.processInstanceId(), CampaignProcess.Var.RESPONSIBLE_DEPUTY, deputy);
        for (Task t : tasks.createTaskQuery().processInstanceId(h.processInstanceId()).list()) {
          if (h.responsibleDeputy() != null && h.responsibleDeputy().equals(t.getAssignee())) {
            tasks.setAssignee(t.getId(), deputy);
          }
        }
      }
    }
    return households.find(h.id()).orElseThrow();
  }

  private static boolean scope(Map<String, String> errors, String field, Set<String> seen,
      List<Campaign.TeamMember> team, String deputy, Campaign.ScopeKind kind, String name) {
    if (name == null || name.isBlank() || name.length() > 50) {
      errors.put(field, "村或片区名称不能为空，且不超过 50 个字");
      return false;
    }
    if (!seen.add(kind + "|" + name.strip())) {
      errors.put(field, "“" + name + "”已由其他代表包保");
      return false;
    }
    team.add(new Campaign.TeamMember(deputy, kind, name.strip()));
    return true;
  }

  private static void text(Map<String, String> errors, String field, String value, String missing, int max) {
    if (value == null || value.isBlank()) {
      errors.put(field, missing);
    } else if (value.length() > max) {
      errors.put(field, "不能超过 " + max + " 个字");
    }
  }
}
