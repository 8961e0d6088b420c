package cn.liaison.platform.campaign;

import static cn.liaison.platform.system.TaskField.bool;
import static cn.liaison.platform.system.TaskField.choice;
import static cn.liaison.platform.system.TaskField.date;
import static cn.liaison.platform.system.TaskField.decimal;
import static cn.liaison.platform.system.TaskField.list;
import static cn.liaison.platform.system.TaskField.text;

import cn.liaison.platform.system.TaskField;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contract of processes/campaign/*.bpmn: ids, variable names, decisions and, per user task, the variables
 * its completion accepts ({@link #TASK_CONTRACTS}). Code and tests use these instead of literals, and the engine
 * refuses any completion outside them (system.TaskCompletionGuard).
 */
public final class CampaignProcess {

  public static final String CAMPAIGN_KEY = "rice-replanting-campaign";
  public static final String HOUSEHOLD_KEY = "household-sign-off";
  /** One subsidy batch: 待核对 by the town's staff and the finance bureau, sent, then the households' results. */
  public static final String SUBSIDY_BATCH_KEY = "subsidy-batch";

  private CampaignProcess() {}

  public static final class Task {
    public static final String START_SIGN_OFFS = "Task_StartHouseholdSignOffs";
    /** The parallel multi-instance subprocess around START_SIGN_OFFS: one instance per start shard. */
    public static final String START_SHARDS = "SubProcess_StartHouseholdShards";
    public static final String END_MOBILISATION = "Task_EndMobilisation";
    public static final String WRAP_UP = "Task_WrapUp";
    public static final String COMPOSE_BATCH = "Task_ComposeSubsidyBatch";
    public static final String SEND_BATCH = "Task_SendSubsidyBatch";
    public static final String COMPOSE_FINAL_BATCH = "Task_ComposeFinalSubsidyBatch";
    public static final String SEND_FINAL_BATCH = "Task_SendFinalSubsidyBatch";
    /** After the final batch: counts the planted households neither paid nor written off (核查欠发). */
    public static final String CHECK_ARREARS = "Task_CheckSubsidyArrears";
    /** 补发组批: the unpaid households whose account was corrected and confirmed, into an arrears batch. */
    public static final String COMPOSE_ARREARS_BATCH = "Task_ComposeArrearsBatch";
    /** 拨付补发批次: the arrears batch through subsidy-batch.bpmn, as every batch. */
    public static final String SEND_ARREARS_BATCH = "Task_SendArrearsBatch";
    public static final String VISIT = "Task_VisitHousehold";
    public static final String REQUEST_GUIDANCE = "Task_RequestGuidance";
    public static final String RECORD_GUIDANCE = "Task_RecordGuidance";
    public static final String SIGN_AGREEMENT = "Task_SignAgreement";
    public static final String CONFIRM_PLANTING = "Task_ConfirmPlanting";
    public static final String SCHEDULE_WATER = "Task_ScheduleWater";
    public static final String REGISTER_TECHNICAL_GUIDANCE = "Task_RegisterTechnicalGuidance";
    public static final String SIGN_OFF = "Task_SignOff";
    /** subsidy-batch: binds the batch composed by the campaign to this process (待核对). */
    public static final String OPEN_BATCH = "Task_OpenSubsidyBatch";
    /** subsidy-batch: 核对补贴批次, the station staff of the campaign's town. */
    public static final String REVIEW_BATCH = "Task_ReviewSubsidyBatch";
    /** subsidy-batch: 财政复核补贴批次, dept-finance. */
    public static final String FINANCE_REVIEW_BATCH = "Task_FinanceReviewSubsidyBatch";
    /** subsidy-batch: the reviewed batch goes to the finance bureau (its system or its inbox and workbook). */
    public static final String DELIVER_BATCH = "Task_DeliverSubsidyBatch";
    /** household-sign-off: 核实发放信息, the responsible deputy after the household's payment failed. */
    public static final String CONFIRM_PAYMENT_ACCOUNT = "Task_ConfirmPaymentAccount";

    private Task() {}
  }

  public static final class Event {
    public static final String TIMER_SIGN_AND_PLANT = "Timer_SignAndPlantPhase";
    public static final String TIMER_WRAP_UP = "Timer_WrapUpPhase";
    public static final String TIMER_SUBSIDY_CYCLE = "Timer_SubsidyCycle";
    public static final String TIMER_REVISIT = "Timer_Revisit";
    /** Unpaid households, none ready for an arrears batch yet: look again after arrearsRecheck. */
    public static final String TIMER_ARREARS_RECHECK = "Timer_ArrearsRecheck";
    /** household-sign-off: written off while waiting for a payment result (or for a batch). */
    public static final String SUBSIDY_WRITTEN_OFF = "Event_SubsidyWrittenOff";
    /** household-sign-off: written off while its deputy was to confirm a corrected account. */
    public static final String WRITTEN_OFF_WHILE_CONFIRMING = "Event_WrittenOffWhileConfirming";
    /** household-sign-off: ended without its subsidy (不予发放), not crossed off. */
    public static final String NOT_PAID = "Event_SubsidyNotPaid";
    public static final String TIMER_REVISIT_NOT_HOME = "Timer_RevisitNotHome";
    public static final String AWAIT_SUBSIDY = "Event_AwaitSubsidy";
    /** household-sign-off: the event-based gateway where a planted household waits for its payment's result. */
    public static final String AWAIT_PAYMENT_RESULT = "Gateway_PaymentResult";
    public static final String CROSSED_OFF = "Event_CrossedOff";
    public static final String NOT_CONVERTED = "Event_NotConverted";
    public static final String CAMPAIGN_ENDED = "Event_CampaignEnded";
    /** household-sign-off: the household's payment failed (欠发). */
    public static final String SUBSIDY_FAILED = "Event_SubsidyFailed";
    /** subsidy-batch: waits until every payment sent has its result. */
    public static final String AWAIT_BATCH_SETTLED = "Event_AwaitBatchSettled";
    public static final String BATCH_SETTLED = "Event_SubsidyBatchSettled";
    /** subsidy-batch: every household of the batch was held back, nothing was sent for payment. */
    public static final String ALL_HELD_BACK = "Event_AllHeldBack";

    private Event() {}
  }

  public static final class Message {
    public static final String MOBILISATION_ENDED = "Message_MobilisationEnded";
    /** The household's own payment was reported PAID (only then 销号). */
    public static final String SUBSIDY_PAID = "Message_SubsidyPaid";
    /** The household's payment was reported FAILED. */
    public static final String SUBSIDY_FAILED = "Message_SubsidyFailed";
    /** Staff decided the household is not paid (不予发放, with a reason): its sign-off ends without 销号. */
    public static final String SUBSIDY_WRITTEN_OFF = "Message_SubsidyWrittenOff";
    /** Every payment of the batch has its result. */
    public static final String BATCH_SETTLED = "Message_SubsidyBatchSettled";

    private Message() {}
  }

  public static final class Var {
    public static final String CAMPAIGN_CODE = "campaignCode";
    /** The staff groups of the campaign town's stations (comma-separated), candidates of 扫尾收关; set at start. */
    public static final String STATION_STAFF_GROUPS = "stationStaffGroups";
    public static final String CAMPAIGN_NAME = "campaignName";
    public static final String TOWN = "town";
    public static final String SIGN_AND_PLANT_DATE = "signAndPlantDate";
    public static final String WRAP_UP_DATE = "wrapUpDate";
    /** Due date of 扫尾收关 (Date): wrapUpDate plus liaison.campaign.wrap-up-period; set at start. */
    public static final String WRAP_UP_DUE_DATE = "wrapUpDueDate";
    public static final String SUBSIDY_CYCLE = "subsidyCycle";
    /** Due date of a household's user tasks (Date): the end of 签约种植 (the campaign's wrapUpDate); set at start. */
    public static final String SIGN_AND_PLANT_DUE_DATE = "signAndPlantDueDate";
    public static final String HOUSEHOLD_ID = "householdId";
    public static final String HOUSEHOLD_NO = "householdNo";
    public static final String RESPONSIBLE_DEPUTY = "responsibleDeputy";
    public static final String HOUSEHOLDS_REMAINING = "householdsRemaining";
    /** How many parallel jobs start the households' sign-offs (Integer, liaison.campaign.start-shards); set at start. */
    public static final String HOUSEHOLD_START_SHARDS = "householdStartShards";
    /** Households of this start shard not yet started (Integer, local to the shard's subprocess instance). */
    public static final String SHARD_HOUSEHOLDS_REMAINING = "shardHouseholdsRemaining";
    /** The engine's index of a multi-instance's inner instance: here the start shard (0 … shards-1). */
    public static final String LOOP_COUNTER = "loopCounter";
    public static final String SUBSIDY_BATCH_ID = "subsidyBatchId";
    /** Planted households neither paid nor written off (Integer), set by 核查欠发: the campaign ends at 0. */
    public static final String UNPAID_HOUSEHOLDS = "unpaidHouseholds";
    /** What 核查欠发 found (String): the unpaid households by 户编号 and where their payment stands; no personal data. */
    public static final String ARREARS_SUMMARY = "arrearsSummary";
    /** How long the campaign waits before it looks at its arrears again (String, ISO duration, e.g. P7D). */
    public static final String ARREARS_RECHECK = "arrearsRecheck";
    public static final String VISIT_OUTCOME = "visitOutcome";
    public static final String UNWILLING_REASONS = "unwillingReasons";
    public static final String VISIT_NOTE = "visitNote";
    public static final String VISIT_COUNT = "visitCount";
    public static final String AGREEMENT_NO = "agreementNo";
    public static final String SIGNED_PLOTS = "signedPlots";
    public static final String SIGNED_MU = "signedMu";
    public static final String PLANTED_MU = "plantedMu";
    public static final String PLANTED_ON = "plantedOn";
    public static final String GUIDANCE_ON = "guidanceOn";
    public static final String GUIDANCE_NOTE = "guidanceNote";
    public static final String OUTSTANDING_SUMMARY = "outstandingSummary";
    public static final String SUMMARY = "summary";
    /** What the forms show of the household's plots (String), local to each household task. */
    public static final String PLOTS_SUMMARY = "plotsSummary";
    public static final String VILLAGE = "village";
    public static final String AREA = "area";
    public static final String WRAP_UP_NOTE = "wrapUpNote";
    public static final String WRAP_UP_CONFIRMED = "wrapUpConfirmed";
    /** Local to the review tasks: what the batch holds (households, 亩, amounts, held back), no personal data. */
    public static final String BATCH_SUMMARY = "batchSummary";
    /** Review tasks: the reviewer checked the list (Boolean, must be true). */
    public static final String BATCH_CHECKED = "batchChecked";
    public static final String REVIEW_NOTE = "reviewNote";
    /** subsidy-batch: nothing of the batch awaits a result (Boolean, set when it is delivered). */
    public static final String BATCH_SETTLED = "subsidyBatchSettled";
    /** Local to 核实发放信息: why the bank did not pay (String). */
    public static final String PAYMENT_FAIL_REASON = "paymentFailReason";
    /** 核实发放信息: the deputy confirmed the corrected account with the household (Boolean, must be true). */
    public static final String ACCOUNT_CONFIRMED = "accountConfirmed";
    public static final String ACCOUNT_CONFIRM_NOTE = "accountConfirmNote";

    private Var() {}
  }

  /** 走访结果, {@link Var#VISIT_OUTCOME}. */
  public enum VisitOutcome { WILLING, UNWILLING, NOT_HOME }

  /** 不愿改种的原因, {@link Var#UNWILLING_REASONS} (household.unwilling_reasons holds the codes, comma-separated). */
  public enum UnwillingReason {
    HIGH_GROUND("地势高"), SANDY_SOIL("沙土地"), HIGH_COST("成本高"), NO_LABOR("缺劳力"), OTHER("其他");

    private final String label;

    UnwillingReason(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * Per user task, the variables its completion accepts (the form's fields). Anything else is refused, so a
   * completion cannot point the task at another household (householdId) or rewrite the process's state.
   */
  public static final Map<String, Map<String, TaskField>> TASK_CONTRACTS = Map.of(
      Task.VISIT, fields(choice(Var.VISIT_OUTCOME, VisitOutcome.class),
          list(Var.UNWILLING_REASONS, UnwillingReason.class, 200), text(Var.VISIT_NOTE, 1000)),
      Task.RECORD_GUIDANCE, fields(date(Var.GUIDANCE_ON), text(Var.GUIDANCE_NOTE, 1000)),
      Task.SIGN_AGREEMENT, fields(text(Var.AGREEMENT_NO, 64), list(Var.SIGNED_PLOTS, null, 2000),
          decimal(Var.SIGNED_MU)),
      Task.CONFIRM_PLANTING, fields(decimal(Var.PLANTED_MU), date(Var.PLANTED_ON)),
      Task.WRAP_UP, fields(text(Var.WRAP_UP_NOTE, 2000), bool(Var.WRAP_UP_CONFIRMED)),
      Task.REVIEW_BATCH, fields(bool(Var.BATCH_CHECKED), text(Var.REVIEW_NOTE, 1000)),
      Task.FINANCE_REVIEW_BATCH, fields(bool(Var.BATCH_CHECKED), text(Var.REVIEW_NOTE, 1000)),
      Task.CONFIRM_PAYMENT_ACCOUNT, fields(bool(Var.ACCOUNT_CONFIRMED), text(Var.ACCOUNT_CONFIRM_NOTE, 1000)));

  static Map<String, TaskField> fields(TaskField... fields) {
    var map = new LinkedHashMap<String, TaskField>();
    Arrays.stream(fields).forEach(f -> map.put(f.name(), f));
    return Collections.unmodifiableMap(map);
  }
}
