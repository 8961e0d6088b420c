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
    public static final String VISIT = "Task_VisitHousehold";
    public static final String REQUEST_GUIDANCE = "Task_RequestGuidance";
    public static final String RECORD_GUIDANCE = "Task_RecordGuidance";
    public static final String SIGN_AGREEMENT = "Task_SignAgreement";
    public static final String CONFIRM_PLANTING = "Task_ConfirmPlanting";
    public static final String SCHEDULE_WATER = "Task_ScheduleWater";
    public static final String REGISTER_TECHNICAL_GUIDANCE = "Task_RegisterTechnicalGuidance";
    public static final String SIGN_OFF = "Task_SignOff";

    private Task() {}
  }

  public static final class Event {
    public static final String TIMER_SIGN_AND_PLANT = "Timer_SignAndPlantPhase";
    public static final String TIMER_WRAP_UP = "Timer_WrapUpPhase";
    public static final String TIMER_SUBSIDY_CYCLE = "Timer_SubsidyCycle";
    public static final String TIMER_REVISIT = "Timer_Revisit";
    public static final String TIMER_REVISIT_NOT_HOME = "Timer_RevisitNotHome";
    public static final String AWAIT_SUBSIDY = "Event_AwaitSubsidy";
    public static final String CROSSED_OFF = "Event_CrossedOff";
    public static final String NOT_CONVERTED = "Event_NotConverted";
    public static final String CAMPAIGN_ENDED = "Event_CampaignEnded";

    private Event() {}
  }

  public static final class Message {
    public static final String MOBILISATION_ENDED = "Message_MobilisationEnded";
    public static final String SUBSIDY_PAID = "Message_SubsidyPaid";

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
      Task.WRAP_UP, fields(text(Var.WRAP_UP_NOTE, 2000), bool(Var.WRAP_UP_CONFIRMED)));

  static Map<String, TaskField> fields(TaskField... fields) {
    var map = new LinkedHashMap<String, TaskField>();
    Arrays.stream(fields).forEach(f -> map.put(f.name(), f));
    return Collections.unmodifiableMap(map);
  }
}
