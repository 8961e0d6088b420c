package cn.liaison.platform.rectification;

import cn.liaison.platform.department.Department;
import cn.liaison.platform.department.DepartmentReply;
import cn.liaison.platform.department.DepartmentReplyListener;
import cn.liaison.platform.rectification.Rectification.Problem;
import cn.liaison.platform.rectification.RectificationProcess.Var;
import cn.liaison.platform.system.ConflictException;
import cn.liaison.platform.system.InvalidInputException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Signed replies of units' own systems about rectification problems (numbers WT…): ACCEPTED is noted, PROGRESS records
 * the progress, FINAL with result SOLVED reports the problem rectified (measures; the grid's deputy verifies next).
 * Only the problem's own unit, while the process waits for its system; anything else leaves nothing stored.
 */
@Component
class RectificationDepartmentReplies implements DepartmentReplyListener {

  private final Rectifications rectifications;
  private final RectificationSteps steps;
  private final RuntimeService runtime;

  RectificationDepartmentReplies(Rectifications rectifications, RectificationSteps steps, RuntimeService runtime) {
    this.rectifications = rectifications;
    this.steps = steps;
    this.runtime = runtime;
  }

  @Override
  public boolean handles(String reference) {
    return reference != null && reference.startsWith("WT");
  }

  @Override
  public void onReply(Department department, DepartmentReply reply) {
    Problem p = rectifications.problem(reply.ticketNo())
        .orElseThrow(() -> new InvalidInputException("ticketNo", "编号不存在：" + reply.ticketNo()));
    boolean waiting = department.code().equals(rectifications.taskById(p.taskId()).responsibleUnit())
        && p.processInstanceId() != null
        && runtime.createEventSubscriptionQuery().processInstanceId(p.processInstanceId())
            .eventName(RectificationProcess.Message.UNIT_SYSTEM_REPORTED).count() > 0;
    if (!waiting) {
      throw new ConflictException("该问题当前不在等待" + department.name() + "系统报告整改情况的环节。");
    }
    switch (reply.type()) {
      case ACCEPTED -> { }
      case PROGRESS -> steps.reportedBySystem(p, p.measures(), reply.text(), false, department.code());
      case FINAL -> {
        if (!"SOLVED".equals(reply.result())) {
          throw new InvalidInputException("result", "整改问题只在整改完成时办结（result 为 SOLVED）；尚未完成请报告进展（PROGRESS）");
        }
        String measures = reply.measures() != null ? reply.measures() : reply.text();
        if (measures == null || measures.isBlank()) {
          throw new InvalidInputException("measures", "请说明整改措施（measures）");
        }
        steps.reportedBySystem(p, measures, reply.text(), true, department.code());
        runtime.createMessageCorrelation(RectificationProcess.Message.UNIT_SYSTEM_REPORTED)
            .processInstanceBusinessKey(p.problemNo())
            .setVariable(Var.MEASURES, measures)
            .setVariable(Var.PROGRESS, reply.text())
            .setVariable(Var.RECTIFIED, true)
            .correlate();
      }
      case EXTENSION_REQUEST -> throw new InvalidInputException("type", "整改问题不能通过系统申请延期，请联系联络站");
      default -> throw new IllegalStateException();
    }
  }
}
