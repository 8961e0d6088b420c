package cn.liaison.platform.opinion;

import cn.liaison.platform.department.Department;
import cn.liaison.platform.department.DepartmentReply;
import cn.liaison.platform.department.DepartmentReplyListener;
import cn.liaison.platform.opinion.OpinionLoopProcess.Var;
import cn.liaison.platform.system.ConflictException;
import cn.liaison.platform.system.InvalidInputException;
import java.time.LocalDate;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** Replies of department systems about opinions (ticket numbers YJ…): they move the loop like the 部门办理 task does. */
@Component
class OpinionDepartmentReplies implements DepartmentReplyListener {

  static final String MESSAGE = "Message_DepartmentReplied";

  private final Opinions opinions;
  private final RuntimeService runtime;
  private final cn.liaison.platform.calendar.WorkingDayCalendar calendar;

  OpinionDepartmentReplies(Opinions opinions, RuntimeService runtime,
      cn.liaison.platform.calendar.WorkingDayCalendar calendar) {
    this.opinions = opinions;
    this.runtime = runtime;
    this.calendar = calendar;
  }

  @Override
  public boolean handles(String reference) {
    return reference != null && reference.startsWith("YJ");
  }

  @Override
  public void onReply(Department department, DepartmentReply reply) {
    Opinion o = opinions.findByTicket(reply.ticketNo())
        .orElseThrow(() -> new InvalidInputException("ticketNo", "编号不存在：" + reply.ticketNo()));
    boolean waitingForItsSystem = o.status() == OpinionStatus.ASSIGNED && department.code().equals(o.departmentCode())
        && runtime.createEventSubscriptionQuery().processInstanceId(o.processInstanceId()).eventName(MESSAGE)
            .count() > 0;
    if (!waitingForItsSystem) {
      throw new ConflictException("该事项当前不在等待" + department.name() + "系统答复的环节。");
    }
    switch (reply.type()) {
      case ACCEPTED -> opinions.addEvent(o.id(), OpinionStatus.ASSIGNED, department.name() + "已签收", null, true,
          department.code());
      case PROGRESS -> opinions.addEvent(o.id(), OpinionStatus.ASSIGNED, department.name() + "办理进展", reply.text(),
          true, department.code());
      case EXTENSION_REQUEST -> {
        LocalDate today = LocalDate.ofInstant(opinions.now(), calendar.zone());
        if (!reply.newDeadline().isAfter(today)) {
          throw new InvalidInputException("newDeadline", "申请延长到的日期应晚于今天");
        }
        correlate(o, department, OpinionLoopProcess.HandlingAction.REQUEST_EXTENSION.name(), Var.EXTENSION_DEADLINE, reply.newDeadline().toString(),
            Var.EXTENSION_REASON, reply.text());
      }
      case FINAL -> correlate(o, department, OpinionLoopProcess.HandlingAction.REPLY.name(), Var.REPLY_RESULT, reply.result(), Var.REPLY_TEXT, reply.text(),
          Var.REPLY_MEASURES, reply.measures());
      default -> throw new IllegalStateException();
    }
  }

  private void correlate(Opinion o, Department department, String action, String... nameValues) {
    var correlation = runtime.createMessageCorrelation(MESSAGE).processInstanceBusinessKey(o.ticketNo())
        .setVariable(Var.HANDLING_ACTION, action);
    for (int i = 0; i < nameValues.length; i += 2) {
      correlation.setVariable(nameValues[i], nameValues[i + 1]);
    }
    try {
      correlation.correlateWithResult();
    } catch (MismatchingMessageCorrelationException e) {
      throw new ConflictException("该事项当前不在等待" + department.name() + "答复的环节。");
    }
  }
}
