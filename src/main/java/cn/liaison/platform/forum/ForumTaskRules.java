package cn.liaison.platform.forum;

import cn.liaison.platform.forum.ForumProcess.Attendance;
import cn.liaison.platform.forum.ForumProcess.Task;
import cn.liaison.platform.forum.ForumProcess.Var;
import cn.liaison.platform.system.TaskCompletionRules;
import cn.liaison.platform.system.TaskDecisionRefused;
import cn.liaison.platform.system.TaskField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * What the forum's tasks accept ({@link ForumProcess#TASK_CONTRACTS}) and what their decisions must satisfy: a reply
 * (with a reason when declining); attendees who were invited and the minutes. Checked inside the engine's completion,
 * for Tasklist's forms and /engine-rest alike.
 */
@Component
class ForumTaskRules implements TaskCompletionRules {

  private final ForumService forums;

  ForumTaskRules(ForumService forums) {
    this.forums = forums;
  }

  @Override
  public boolean appliesTo(String processDefinitionKey) {
    return ForumProcess.KEY.equals(processDefinitionKey);
  }

  @Override
  public Map<String, TaskField> accepts(String taskKey) {
    return ForumProcess.TASK_CONTRACTS.get(taskKey);
  }

  @Override
  public void check(String taskKey, Function<String, Object> vars) {
    Map<String, String> errors = new LinkedHashMap<>();
    switch (taskKey) {
      case Task.REPLY_INVITATION -> {
        Object attendance = vars.apply(Var.ATTENDANCE);
        if (!Attendance.ATTEND.name().equals(attendance) && !Attendance.DECLINE.name().equals(attendance)) {
          errors.put(Var.ATTENDANCE, "请选择是否参加（参加或不参加）");
        } else if (Attendance.DECLINE.name().equals(attendance)) {
          Object reason = vars.apply(Var.DECLINE_REASON);
          if (reason == null || reason.toString().isBlank()) {
            errors.put(Var.DECLINE_REASON, "不参加时请填写原因");
          }
        }
      }
      case Task.RECORD_FORUM -> {
        Object minutes = vars.apply(Var.MINUTES);
        if (minutes == null || minutes.toString().isBlank()) {
          errors.put(Var.MINUTES, "请填写座谈会纪要");
        }
        List<String> attendees = TaskField.items(vars.apply(Var.ATTENDEES));
        Object forumNo = vars.apply(Var.FORUM_NO);
        if (attendees == null || forumNo == null || !forums.allInvited(forumNo.toString(), attendees)) {
          errors.put(Var.ATTENDEES, "到会代表只能从受邀代表中选择");
        }
      }
      default -> { }
    }
    if (!errors.isEmpty()) {
      throw new TaskDecisionRefused(errors);
    }
  }
}
