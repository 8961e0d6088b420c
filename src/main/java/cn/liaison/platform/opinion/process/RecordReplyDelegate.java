package cn.liaison.platform.opinion.process;

import cn.liaison.platform.opinion.OpinionHandling;
import cn.liaison.platform.opinion.ReplyResult;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 记录答复并告知群众: from the analyst (direct answer), the department, or the deputy proposal. */
@Component("recordReplyDelegate")
class RecordReplyDelegate implements JavaDelegate {

  private final OpinionHandling handling;
  private final IdentityService identity;

  RecordReplyDelegate(OpinionHandling handling, IdentityService identity) {
    this.handling = handling;
    this.identity = identity;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String route = Vars.string(execution, "route");
    String line;
    if ("ANSWER_DIRECTLY".equals(route)) {
      line = handling.recordReply(Vars.opinionId(execution), "ANALYST", null, null,
          Vars.string(execution, "answerText"), null, Vars.actor(identity));
    } else {
      String result = Vars.string(execution, "replyResult");
      line = handling.recordReply(Vars.opinionId(execution), "TO_PROPOSAL".equals(route) ? "PROPOSAL" : "DEPARTMENT",
          "TO_PROPOSAL".equals(route) ? null : Vars.string(execution, "departmentCode"),
          result == null ? null : ReplyResult.valueOf(result), Vars.string(execution, "replyText"),
          Vars.string(execution, "replyMeasures"), Vars.actor(identity));
    }
    String history = Vars.string(execution, "opinionHistory");
    execution.setVariable("opinionHistory", history == null ? line : history + "\n\n" + line);
    execution.removeVariable("rating");
  }
}
