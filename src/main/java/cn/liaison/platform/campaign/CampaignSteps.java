package cn.liaison.platform.campaign;

import cn.liaison.platform.department.DepartmentRequest;
import cn.liaison.platform.department.DepartmentService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * What the steps of a campaign do: start the households' sign-offs in batches, move through the phases,
 * close mobilisation, pay subsidies in batches through the finance bureau (each household once), sum up.
 */
@Service
public class CampaignSteps {

  static final String FINANCE = "dept-finance";
  static final String DISBURSE_SUBSIDY = "DISBURSE_SUBSIDY";

  private final Campaigns campaigns;
  private final Households households;
  private final HouseholdSteps householdSteps;
  private final RuntimeService runtime;
  private final DepartmentService departments;
  private final SubsidyBatches subsidyBatches;
  private final SubsidyPayments subsidyPayments;
  private final int startBatchSize;
  private final java.time.ZoneId zone;
  private final java.time.Clock clock;

  CampaignSteps(Campaigns campaigns, Households households, HouseholdSteps householdSteps, RuntimeService runtime,
      DepartmentService departments, SubsidyBatches subsidyBatches, SubsidyPayments subsidyPayments, cn.liaison.platform.calendar.WorkingDayCalendar calendar,
      java.time.Clock clock, @Value("${liaison.campaign.start-batch-size:50}") int startBatchSize) {
    this.clock = clock;
    this.zone = calendar.zone();
    this.campaigns = campaigns;
    this.households = households;
    this.householdSteps = householdSteps;
    this.runtime = runtime;
    this.departments = departments;
    this.subsidyBatches = subsidyBatches;
    this.subsidyPayments = subsidyPayments;
    this.startBatchSize = startBatchSize;
  }

  /**
   * Starts the sign-off of the next batch of households of one start shard (household id modulo {@code shards});
   * returns how many of the shard are still to start. The campaign starts its shards in parallel jobs.
   */
  public int startNextSignOffs(String campaignCode, int shard, int shards) {
    if (shards < 1 || shard < 0 || shard >= shards) {
      throw new IllegalArgumentException("start shard " + shard + " of " + shards);
    }
    List<Household> batch = households.notStarted(campaignCode, shard, shards, startBatchSize);
    if (!batch.isEmpty()) {
      // visits, signing and planting are due when 签约种植 ends
      java.util.Date due = campaigns.find(campaignCode).orElseThrow().wrapUpBegins(zone);
      Map<Long, String> started = new java.util.LinkedHashMap<>();
      HouseholdSteps.Starts starts = householdSteps.starting(batch);
      for (Household h : batch) {
        started.put(h.id(), runtime.createProcessInstanceByKey(CampaignProcess.HOUSEHOLD_KEY)
            .businessKey(h.householdNo()).setVariables(householdSteps.startVariables(h, due)).execute().getId());
      }
      households.signOffsStarted(started, starts.visiting);
    }
    return households.countNotStarted(campaignCode, shard, shards);
  }

  public void enterSignAndPlant(String campaignCode) {
    campaigns.setStatus(campaignCode, Campaign.Status.SIGN_AND_PLANT);
  }

  /**
   * The sign & plant phase is over: households still being mobilised end as 未改种 (with their reasons);
   * returns the wrap-up list for the station (outstanding households).
   */
  public String endMobilisation(String campaignCode) {
    campaigns.setStatus(campaignCode, Campaign.Status.WRAP_UP);
    for (Household h : households.ofCampaign(campaignCode)) {
      if (h.processInstanceId() != null && switch (h.status()) {
        case PENDING, VISITING, UNWILLING -> true;
        default -> false;
      }) {
        runtime.createMessageCorrelation(CampaignProcess.Message.MOBILISATION_ENDED)
            .processInstanceId(h.processInstanceId()).correlateAll();
      }
    }
    return outstanding(campaignCode);
  }

  /** The wrap-up list: households signed but not yet crossed off, and those not converted, by village. */
  String outstanding(String campaignCode) {
    StringBuilder s = new StringBuilder();
    int open = 0;
    int notConverted = 0;
    for (Household h : households.ofCampaign(campaignCode)) {
      switch (h.status()) {
        case WILLING, SIGNED, PLANTED, SUBSIDISED -> {
          open++;
          s.append("- ").append(h.village()).append(' ').append(h.householdNo()).append('：').append(h.status().label())
              .append('\n');
        }
        case NOT_CONVERTED -> notConverted++;
        default -> { }
      }
    }
    List<String> arrears = subsidyPayments.arrears(campaignCode);
    if (!arrears.isEmpty()) {
      s.append("补贴欠发 ").append(arrears.size()).append(" 户（更正发放信息后进入下一批次）：\n");
      arrears.forEach(a -> s.append("- ").append(a).append('\n'));
    }
    return "尚未销号 " + open + " 户，未改种 " + notConverted + " 户。\n" + s;
  }

  /**
   * Gathers the planted households waiting for their subsidy that are in no batch yet into a new batch
   * (amount = planted 亩 × rate); null when none is due. The batch is committed before it is sent, so a
   * retried payment resends the same batch.
   */
  public Long composeSubsidyBatch(String campaignCode) {
    return composeSubsidyBatch(campaignCode, SubsidyBatches.BatchKind.REGULAR);
  }

  /** The campaign's final batch (after 扫尾收关); null when nobody is due. */
  public Long composeFinalSubsidyBatch(String campaignCode) {
    return composeSubsidyBatch(campaignCode, SubsidyBatches.BatchKind.FINAL);
  }

  /**
   * An arrears batch (补发批次) after the final one: the unpaid households whose failed payment was corrected and
   * confirmed by their deputy (they wait for a payment again), and any planted since; null when none is ready.
   */
  public Long composeArrearsBatch(String campaignCode) {
    return composeSubsidyBatch(campaignCode, SubsidyBatches.BatchKind.ARREARS);
  }

  /** Whom the campaign still owes a subsidy, for 核查欠发: how many, and the list (户编号, no personal data). */
  public record Arrears(int unpaidHouseholds, String summary) {}

  public Arrears checkArrears(String campaignCode) {
    return new Arrears(subsidyPayments.unpaid(campaignCode).size(), subsidyPayments.unpaidSummary(campaignCode));
  }

  private Long composeSubsidyBatch(String campaignCode, SubsidyBatches.BatchKind kind) {
    Campaign c = campaigns.find(campaignCode).orElseThrow();
    if (kind == SubsidyBatches.BatchKind.REGULAR && subsidyBatches.hasClosingBatch(campaignCode)) {
      // after the final batch, arrears go into the campaign's own 补发批次, not into the cycle's batches
      return null;
    }
    Set<String> waiting = new HashSet<>();
    for (EventSubscription e : runtime.createEventSubscriptionQuery()
        .eventName(CampaignProcess.Message.SUBSIDY_PAID).list()) {
      waiting.add(e.getProcessInstanceId());
    }
    List<Household> due = households.ofCampaign(campaignCode).stream()
        .filter(h -> h.status() == Household.Status.PLANTED && waiting.contains(h.processInstanceId())).toList();
    // paid, or in a batch still awaiting its result: not again; failed (corrected) or held back: again
    Set<Long> batched = subsidyBatches.householdsNotDue(campaignCode);
    due = due.stream().filter(h -> !batched.contains(h.id())).toList();
    if (due.isEmpty()) {
      return null;
    }
    return subsidyBatches.compose(campaignCode, kind, due.stream()
        .map(h -> new SubsidyBatches.Line(h.id(), h.plantedMu(), amount(h, c))).toList(), clock.instant());
  }

  /**
   * Versions of the campaign deployed before issue 16 send the batch from the campaign itself and take the 2xx as
   * paid: kept for instances still running on them (the current model pays through subsidy-batch.bpmn).
   */
  public void sendSubsidyBatchAsPaid(long batchId) {
    SubsidyBatches.Batch batch = subsidyBatches.find(batchId).orElseThrow();
    List<SubsidyBatches.Payment> lines = subsidyBatches.payments(batchId);
    if (batch.status() == SubsidyBatches.BatchStatus.COMPOSED) {
      List<Map<String, Object>> payments = new ArrayList<>();
      BigDecimal total = BigDecimal.ZERO;
      for (SubsidyBatches.Payment l : lines) {
        payments.add(Map.of("householdNo", l.householdNo(), "village", l.village(),
            "plantedMu", l.plantedMu(), "amount", l.amount()));
        total = total.add(l.amount());
      }
      Map<String, Object> payload = new HashMap<>();
      payload.put("campaignCode", batch.campaignCode());
      payload.put("batchId", batchId);
      payload.put("households", payments.size());
      payload.put("totalAmount", total);
      payload.put("payments", payments);
      departments.send(new DepartmentRequest(FINANCE, DISBURSE_SUBSIDY, "subsidy-batch:" + batchId,
          "BATCH-" + batchId, null, payload));
      subsidyBatches.openForReview(batchId, "legacy:" + batchId);
      subsidyBatches.markSent(batchId, SubsidyBatches.BatchStatus.SENT, clock.instant());
    }
    for (SubsidyBatches.Payment l : lines) {
      if (subsidyBatches.markPaid(batchId, l.householdId(), java.time.LocalDate.ofInstant(clock.instant(), zone),
          "BATCH-" + batchId, clock.instant())) {
        households.markSubsidised(l.householdId(), l.amount(), clock.instant());
      }
      runtime.createMessageCorrelation(CampaignProcess.Message.SUBSIDY_PAID)
          .processInstanceId(l.processInstanceId()).correlateAll();
    }
    subsidyBatches.settle(batchId, true, clock.instant());
  }

  /** The campaign's closing summary, kept on the campaign. */
  public String summarise(String campaignCode) {
    Campaign c = campaigns.find(campaignCode).orElseThrow();
    Map<Household.Status, Integer> counts = new HashMap<>();
    BigDecimal planted = BigDecimal.ZERO;
    BigDecimal paid = BigDecimal.ZERO;
    List<Household> all = households.ofCampaign(campaignCode);
    for (Household h : all) {
      counts.merge(h.status(), 1, Integer::sum);
      planted = planted.add(h.plantedMu() == null ? BigDecimal.ZERO : h.plantedMu());
      paid = paid.add(h.subsidyAmount() == null ? BigDecimal.ZERO : h.subsidyAmount());
    }
    String summary = c.name() + "：台账 " + all.size() + " 户（目标 " + c.targetHouseholds() + " 户），已销号 "
        + counts.getOrDefault(Household.Status.CROSSED_OFF, 0) + " 户，未改种 "
        + counts.getOrDefault(Household.Status.NOT_CONVERTED, 0) + " 户；种植水稻 "
        + planted.stripTrailingZeros().toPlainString() + " 亩（目标 " + c.targetMu().stripTrailingZeros().toPlainString()
        + " 亩），已发放补贴 " + paid.setScale(2, RoundingMode.HALF_UP).toPlainString() + " 元。";
    List<String> arrears = subsidyPayments.arrears(campaignCode);
    if (!arrears.isEmpty()) {
      String listed = String.join("；", arrears.subList(0, Math.min(arrears.size(), 20)));
      summary += "补贴欠发 " + arrears.size() + " 户：" + listed + (arrears.size() > 20 ? " 等" : "") + "。";
    }
    List<String> writtenOff = subsidyPayments.writtenOff(campaignCode);
    if (!writtenOff.isEmpty()) {
      String listed = String.join("；", writtenOff.subList(0, Math.min(writtenOff.size(), 20)));
      summary += "补贴不予发放 " + writtenOff.size() + " 户：" + listed + (writtenOff.size() > 20 ? " 等" : "") + "。";
    }
    campaigns.ended(campaignCode, summary);
    return summary;
  }

  private static BigDecimal amount(Household h, Campaign c) {
    return h.plantedMu().multiply(c.subsidyPerMu()).setScale(2, RoundingMode.HALF_UP);
  }
}
