package cn.liaison.platform.forum;

import static cn.liaison.platform.system.TaskField.choice;
import static cn.liaison.platform.system.TaskField.list;
import static cn.liaison.platform.system.TaskField.text;

import cn.liaison.platform.system.TaskField;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contract of processes/forum/industry-forum.bpmn: ids, variable names, decisions and, per user task, the
 * variables its completion accepts ({@link #TASK_CONTRACTS}), checked inside the engine by ForumTaskRules.
 */
public final class ForumProcess {

  public static final String KEY = "industry-forum";

  private ForumProcess() {}

  public static final class Task {
    public static final String REPLY_INVITATION = "Task_ReplyInvitation";
    public static final String REMIND_INVITEES = "Task_RemindInvitees";
    public static final String OPEN_FORUM = "Task_OpenForum";
    public static final String RECORD_FORUM = "Task_RecordForum";
    public static final String SAVE_RECORD = "Task_SaveForumRecord";

    private Task() {}
  }

  public static final class Event {
    public static final String TIMER_REMINDER = "Timer_Reminder";
    public static final String TIMER_FORUM_STARTS = "Timer_ForumStarts";
    public static final String TIMER_INVITATIONS_LAPSE = "Timer_InvitationsLapse";
    public static final String RECORDED = "Event_ForumRecorded";

    private Event() {}
  }

  /** Process variables, documented in the process and in processes/README.md. */
  public static final class Var {
    public static final String FORUM_ID = "forumId";
    public static final String FORUM_NO = "forumNo";
    public static final String STATION_CODE = "stationCode";
    public static final String STATION_NAME = "stationName";
    public static final String STATION_STAFF_GROUP = "stationStaffGroup";
    public static final String TOPIC = "topic";
    public static final String SECTOR = "sector";
    public static final String PLACE = "place";
    public static final String STARTS_AT = "startsAt";
    public static final String STARTS_AT_TEXT = "startsAtText";
    public static final String REMINDER_AT = "reminderAt";
    public static final String INVITED_DEPUTIES = "invitedDeputies";
    public static final String INVITED_DEPUTY = "invitedDeputy";
    public static final String ATTENDANCE = "attendance";
    public static final String DECLINE_REASON = "declineReason";
    public static final String ATTENDEES = "attendees";
    public static final String ATTENDEE_OPTIONS = "attendeeOptions";
    public static final String MINUTES = "minutes";

    private Var() {}
  }

  /** 是否参加, {@link Var#ATTENDANCE}. */
  public enum Attendance { ATTEND, DECLINE }

  public static final Map<String, Map<String, TaskField>> TASK_CONTRACTS = Map.of(
      Task.REPLY_INVITATION, fields(choice(Var.ATTENDANCE, Attendance.class), text(Var.DECLINE_REASON, 500)),
      Task.RECORD_FORUM, fields(list(Var.ATTENDEES, null, 4000), text(Var.MINUTES, 4000)));

  static Map<String, TaskField> fields(TaskField... fields) {
    var map = new LinkedHashMap<String, TaskField>();
    Arrays.stream(fields).forEach(f -> map.put(f.name(), f));
    return Collections.unmodifiableMap(map);
  }
}
