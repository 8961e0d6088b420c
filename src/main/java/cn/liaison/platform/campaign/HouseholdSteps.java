package cn.liaison.platform.campaign;

import cn.liaison.platform.department.DepartmentRequest;
import cn.liaison.platform.department.DepartmentService;
import cn.liaison.platform.system.ProcessInstanceRef;
import cn.liaison.platform.system.TransactionMemo;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * What each step of a household's sign-off (包户销号) does to the ledger, and the department services it asks
 * for (agriculture bureau guidance, water bureau irrigation). Runs in the engine's transaction.
 */
@Service
public class HouseholdSteps {

  static final String AGRICULTURE = "dept-agriculture";
  static final String WATER = "dept-water";
  static final String SCHEDULE_GUIDANCE = "SCHEDULE_GUIDANCE";
  static final String SCHEDULE_WATER = "SCHEDULE_WATER";

  private final Households households;
  private final DepartmentService departments;
  private final String revisitDuration;
  private final String notHomeRevisitDuration;
  private final Clock clock;

  private final SubsidyBatches subsidyBatches;

  HouseholdSteps(Households households, DepartmentService departments, Clock clock, SubsidyBatches subsidyBatches,
      @Value("${liaison.campaign.revisit-after:P3D}") String revisitDuration,
      @Value("${liaison.campaign.not-home-revisit-after:P2D}") String notHomeRevisitDuration) {
    this.households = households;
    this.subsidyBatches = subsidyBatches;
    this.departments = departments;
    this.clock = clock;
    this.revisitDuration = revisitDuration;
    this.notHomeRevisitDuration = notHomeRevisitDuration;
  }

  /**
   * Variables a household's sign-off starts with: references only (the household row, its campaign, its deputy,
   * the tasks' due date), no names or phone numbers. What the task cards and forms show is set on each task when it
   * is opened ({@link #taskVariables}), from the ledger as it is then; what only some households need later is set
   * when they need it (plotOptions when the agreement is to be signed, the revisit durations when a visit ends
   * without consent, visitCount when a visit is recorded): a campaign starts thousands at once.
   */
  Map<String, Object> startVariables(Household h, java.util.Date signAndPlantDue) {
    Map<String, Object> v = new HashMap<>();
    v.put(CampaignProcess.Var.HOUSEHOLD_ID, h.id());
    v.put(CampaignProcess.Var.CAMPAIGN_CODE, h.campaignCode());
    v.put(CampaignProcess.Var.RESPONSIBLE_DEPUTY, h.responsibleDeputy());
    v.put(CampaignProcess.Var.SIGN_AND_PLANT_DUE_DATE, signAndPlantDue);
    return v;
  }

  /**
   * What a household task's card (我的包户) and form show, set local to the task when it is opened, so that whoever
   * may work the task may read them (a task's own variables need only the task): 户编号, 村, 片区, the plots and the
   * visits so far, from the ledger as it is now (a plot corrected in the ledger shows on the next task). No names
   * or phone numbers; the form links to the household's page for those.
   */
  public Map<String, Object> taskVariables(long householdId) {
    Household h = household(householdId);
    Map<String, Object> v = new HashMap<>();
    v.put(CampaignProcess.Var.HOUSEHOLD_NO, h.householdNo());
    v.put(CampaignProcess.Var.VILLAGE, h.village());
    v.put(CampaignProcess.Var.AREA, h.area() == null ? "" : h.area());
    v.put(CampaignProcess.Var.VISIT_COUNT, h.visitCount());
    StringBuilder summary = new StringBuilder(h.plots().size() + "块地，共" + h.totalMu().stripTrailingZeros()
        .toPlainString() + "亩：");
    for (Household.Plot p : h.plots()) {
      summary.append(p.plotNo()).append(' ').append(p.areaMu().stripTrailingZeros().toPlainString()).append("亩 ")
          .append(p.terrain().label()).append(p.currentCrop() == null ? "" : " " + p.currentCrop()).append("；");
    }
    v.put(CampaignProcess.Var.PLOTS_SUMMARY, summary.toString());
    return v;
  }

  /** The household with its plots: from this transaction's batch of starts, or as the ledger has it now. */
  private Household household(long householdId) {
    Starts starts = TransactionMemo.peek(Starts.KEY);
    if (starts != null && starts.byId.containsKey(householdId)) {
      return starts.byId.get(householdId);
    }
    return households.find(householdId).orElseThrow();
  }

  /** The plots offered in the agreement form (签订协议): {label, value} per plot of the household. */
  public Object plotOptions(long householdId) {
    List<Map<String, String>> options = new ArrayList<>();
    for (Household.Plot p : household(householdId).plots()) {
      String mu = p.areaMu().stripTrailingZeros().toPlainString();
      options.add(Map.of("label", p.plotNo() + "（" + mu + "亩，" + p.terrain().label() + "）", "value", p.plotNo()));
    }
    return org.camunda.spin.Spin.JSON(options);
  }

  /** When to visit again: after a visit without consent (revisitDuration) or nobody at home (notHomeRevisitDuration). */
  public Map<String, Object> revisitDurations() {
    return Map.of("revisitDuration", revisitDuration, "notHomeRevisitDuration", notHomeRevisitDuration);
  }

  public void visitTaskCreated(long householdId) {
    Starts starts = TransactionMemo.peek(Starts.KEY);
    if (starts != null && starts.byId.containsKey(householdId)) {
      // written with the process instance when the batch of starts ends (Households.signOffsStarted)
      starts.visiting.add(householdId);
    } else {
      households.markVisiting(householdId);
    }
  }

  /**
   * The households whose sign-off this transaction is starting (a batch of the campaign's first step), by 户编号:
   * their instances' first steps find them here instead of reading the ledger row, and the first visit task's
   * status change is written with the batch.
   */
  static final class Starts {
    static final String KEY = "household-sign-off-starts";
    final Map<String, Household> byHouseholdNo = new HashMap<>();
    final Map<Long, Household> byId = new HashMap<>();
    final java.util.Set<Long> visiting = new java.util.HashSet<>();
  }

  /** Registers households whose sign-off this transaction starts (see {@link Starts}). */
  Starts starting(List<Household> batch) {
    Starts starts = TransactionMemo.shared(Starts.KEY, Starts::new);
    if (starts == null) {
      // outside a transaction (not how the engine runs jobs): the first steps read the ledger
      starts = new Starts();
    }
    for (Household h : batch) {
      starts.byHouseholdNo.put(h.householdNo(), h);
      starts.byId.put(h.id(), h);
    }
    return starts;
  }

  /**
   * The household a sign-off process instance works on: found by the process instance stored on the household
   * (or, while the instance is being started, by the householdId set at start, checked against the business key,
   * the 户编号). The householdId variable is for display only: a step of another process, or of an instance
   * pointed at another household, is refused.
   */
  public long householdOf(ProcessInstanceRef process, Object householdIdVariable) {
    process.require(CampaignProcess.HOUSEHOLD_KEY, "农户台账");
    Starts starts = TransactionMemo.peek(Starts.KEY);
    Household starting = starts == null ? null : starts.byHouseholdNo.get(process.businessKey());
    // a household of this transaction's batch of starts, not yet started before: its instance is being started now
    Long id = starting != null && starting.processInstanceId() == null ? Long.valueOf(starting.id())
        : households.idOfProcessInstance(process.processInstanceId()).orElse(null);
    if (id == null && householdIdVariable instanceof Number n) {
      // the instance's first steps run before its id is stored on the household (same transaction)
      id = households.find(n.longValue()).filter(h -> h.processInstanceId() == null)
          .filter(h -> h.householdNo().equals(process.businessKey())).map(Household::id).orElse(null);
    }
    if (id == null || !ProcessInstanceRef.agrees(householdIdVariable, id)) {
      throw process.mismatch("农户台账");
    }
    return id;
  }

  /** Records a visit (入户动员) and returns the visit count. */
  public int visited(long householdId, CampaignProcess.VisitOutcome outcome, List<String> reasons, String note) {
    Household h = households.find(householdId).orElseThrow();
    int count = h.visitCount() + 1;
    Household.Status status = switch (outcome) {
      case WILLING -> Household.Status.WILLING;
      case UNWILLING -> Household.Status.UNWILLING;
      case NOT_HOME -> h.status() == Household.Status.PENDING ? Household.Status.VISITING : h.status();
    };
    households.recordVisit(householdId, count, outcome, note,
        outcome == CampaignProcess.VisitOutcome.UNWILLING ? String.join(",", reasons) : null, status);
    return count;
  }

  public void guidanceGiven(long householdId) {
    households.recordGuidance(householdId);
  }

  public void agreementSigned(long householdId, String agreementNo, List<String> plots, BigDecimal signedMu) {
    households.markSigned(householdId, agreementNo, signedMu, plots, now());
  }

  public void plantingConfirmed(long householdId, BigDecimal plantedMu, LocalDate plantedOn) {
    households.markPlanted(householdId, plantedMu, plantedOn);
  }

  /** Asks the agriculture bureau for on-site guidance or training for an unwilling household (专家指导). */
  public void requestGuidance(long householdId, String processInstanceId, int visitCount) {
    Household h = households.find(householdId).orElseThrow();
    Map<String, Object> payload = place(h);
    payload.put("purpose", "ON_SITE_GUIDANCE");
    payload.put("unwillingReasons", h.unwillingReasons());
    departments.send(new DepartmentRequest(AGRICULTURE, SCHEDULE_GUIDANCE,
        processInstanceId + ":guidance:" + visitCount, h.householdNo(), null, payload));
  }

  /** Registers the planted household for the agriculture bureau's technical guidance (技术指导). */
  public void registerTechnicalGuidance(long householdId, String processInstanceId) {
    Household h = households.find(householdId).orElseThrow();
    Map<String, Object> payload = place(h);
    payload.put("purpose", "TECHNICAL_GUIDANCE");
    payload.put("plantedMu", h.plantedMu());
    departments.send(new DepartmentRequest(AGRICULTURE, SCHEDULE_GUIDANCE, processInstanceId + ":technical",
        h.householdNo(), null, payload));
  }

  /** Asks the water bureau to schedule irrigation for the planted area (灌溉调度). */
  public void scheduleWater(long householdId, String processInstanceId) {
    Household h = households.find(householdId).orElseThrow();
    Map<String, Object> payload = place(h);
    payload.put("plantedMu", h.plantedMu());
    payload.put("plantedOn", h.plantedOn() == null ? null : h.plantedOn().toString());
    departments.send(new DepartmentRequest(WATER, SCHEDULE_WATER, processInstanceId + ":water", h.householdNo(), null,
        payload));
  }

  public void notConverted(long householdId) {
    households.markNotConverted(householdId);
  }

  /** 销号: agreement, planting and subsidy are done; the responsible deputy answers for it. Only once paid. */
  public void signOff(long householdId) {
    if (!subsidyBatches.isPaid(householdId)) {
      throw new IllegalStateException("household " + householdId + " has no PAID subsidy: no 销号");
    }
    households.markCrossedOff(householdId, now());
  }

  private static Map<String, Object> place(Household h) {
    Map<String, Object> payload = new HashMap<>();
    payload.put("campaignCode", h.campaignCode());
    payload.put("householdNo", h.householdNo());
    payload.put("village", h.village());
    payload.put("area", h.area());
    return payload;
  }

  private Instant now() {
    return clock.instant();
  }
}
