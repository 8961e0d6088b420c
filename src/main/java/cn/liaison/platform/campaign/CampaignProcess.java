package cn.liaison.platform.campaign;

/** Ids and names of processes/campaign/*.bpmn, used by code and tests instead of literals. */
public final class CampaignProcess {

  public static final String CAMPAIGN_KEY = "rice-replanting-campaign";
  public static final String HOUSEHOLD_KEY = "household-sign-off";

  private CampaignProcess() {}

  public static final class Task {
    public static final String START_SIGN_OFFS = "Task_StartHouseholdSignOffs";
    public static final String END_MOBILISATION = "Task_EndMobilisation";
    public static final String WRAP_UP = "Task_WrapUp";
    public static final String COMPOSE_BATCH = "Task_ComposeSubsidyBatch";
    public static final String SEND_BATCH = "Task_SendSubsidyBatch";
    public static final String COMPOSE_FINAL_BATCH = "Task_DisburseFinalSubsidyBatch";
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
    public static final String HOUSEHOLD_ID = "householdId";
    public static final String HOUSEHOLD_NO = "householdNo";
    public static final String RESPONSIBLE_DEPUTY = "responsibleDeputy";
    public static final String HOUSEHOLDS_REMAINING = "householdsRemaining";
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

    private Var() {}
  }
}
