package cn.liaison.platform.forum.process;

import cn.liaison.platform.forum.ForumProcess;
import cn.liaison.platform.forum.ForumProcess.Attendance;
import cn.liaison.platform.forum.ForumProcess.Var;
import cn.liaison.platform.forum.ForumService;
import cn.liaison.platform.system.ProcessInstanceRef;
import cn.liaison.platform.system.TaskCardVariables;
import cn.liaison.platform.system.TaskField;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The thin delegates and the task listener of industry-forum.bpmn. The forum is found from the process instance
 * (its business key), never from a variable; the deputy who replies is the task's assignee.
 */
@Configuration(proxyBeanMethods = false)
class ForumDelegates {

  /** 提醒受邀代表: a day before the forum. */
  @Bean
  JavaDelegate remindInviteesDelegate(ForumService forums) {
    return execution -> forums.remindInvitees(ProcessInstanceRef.of(execution));
  }

  /** 座谈会开始: open invitations lapse, the forum waits for its record. */
  @Bean
  JavaDelegate openForumDelegate(ForumService forums) {
    return execution -> forums.forumBegins(ProcessInstanceRef.of(execution));
  }

  /** 保存座谈会记录: the attendees and minutes of 记录座谈会 (checked by ForumTaskRules when it was completed). */
  @Bean
  JavaDelegate saveForumRecordDelegate(ForumService forums) {
    return execution -> forums.recordForum(ProcessInstanceRef.of(execution),
        TaskField.items(execution.getVariable(Var.ATTENDEES)), String.valueOf(execution.getVariable(Var.MINUTES)));
  }

  /**
   * On 答复座谈会邀请 completed: the reply of its assignee. On 记录座谈会 created: the checklist of the invited deputies
   * (attendeeOptions, local) and those signed in so far as its starting value (attendees).
   */
  /** The invitation's card and the record form's checklist of invited deputies (from the forum's record). */
  @Bean
  static TaskCardVariables forumTaskCards() {
    return TaskCardVariables.of(ForumProcess.KEY, Var.FORUM_NO, Var.TOPIC, Var.STARTS_AT_TEXT, Var.ATTENDEE_OPTIONS);
  }

  @Bean
  TaskListener forumTaskListener(ForumService forums) {
    return task -> {
      ProcessInstanceRef ref = ProcessInstanceRef.of(task.getExecution());
      String key = task.getTaskDefinitionKey();
      if (TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName())
          && ForumProcess.Task.REPLY_INVITATION.equals(key)) {
        Object reason = task.getVariable(Var.DECLINE_REASON);
        forums.invitationReplied(ref, task.getAssignee(),
            Attendance.valueOf(String.valueOf(task.getVariable(Var.ATTENDANCE))),
            reason == null ? null : reason.toString());
      } else if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())
          && ForumProcess.Task.REPLY_INVITATION.equals(key)) {
        // what the card in 座谈会邀请 shows: the deputy may read the task, not the forum's instance
        TaskCardVariables.copy(task, Var.FORUM_NO, Var.TOPIC, Var.STARTS_AT_TEXT);
      } else if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())
          && ForumProcess.Task.RECORD_FORUM.equals(key)) {
        task.setVariableLocal(Var.ATTENDEE_OPTIONS, forums.attendeeOptions(ref));
        task.getExecution().setVariable(Var.ATTENDEES, forums.signedIn(ref));
      }
    };
  }
}
