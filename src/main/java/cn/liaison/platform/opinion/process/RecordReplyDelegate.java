package cn.liaison.platform.opinion.process;

import cn.liaison.platform.opinion.OpinionLoopProcess.Var;

import cn.liaison.platform.opinion.Opinion;
import cn.liaison.platform.opinion.OpinionHandling;
import cn.liaison.platform.opinion.OpinionLoopProcess.DeputyAction;
import cn.liaison.platform.opinion.OpinionLoopProcess.ReplySource;
import cn.liaison.platform.opinion.OpinionLoopProcess.Route;
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
    String routeName = Vars.string(execution, Var.ROUTE);
    Opinion opinion = Vars.opinion(handling, execution);
    String line;
    if (routeName == null && DeputyAction.ANSWER.name().equals(Vars.string(execution, Var.DEPUTY_ACTION))) {
      // 代表先行答复: the deputy the citizen addressed answered (no 研判 happened yet, so there is no route)
      line = handling.recordReply(opinion, ReplySource.DEPUTY, null, Vars.string(execution, Var.DEPUTY_REPLY), null,
          Vars.actor(identity));
      String history = Vars.string(execution, Var.HISTORY);
      execution.setVariable(Var.HISTORY, history == null ? line : history + "\n\n" + line);
      execution.removeVariable(Var.RATING);
      return;
    }
    Route route = Route.valueOf(routeName);
    if (route == Route.ANSWER_DIRECTLY) {
      line = handling.recordReply(opinion, ReplySource.ANALYST, null, Vars.string(execution, Var.ANSWER_TEXT), null,
          Vars.actor(identity));
    } else {
      String result = Vars.string(execution, Var.REPLY_RESULT);
      boolean proposal = route == Route.TO_PROPOSAL;
      line = handling.recordReply(opinion, proposal ? ReplySource.PROPOSAL : ReplySource.DEPARTMENT,
          result == null ? null : ReplyResult.valueOf(result), Vars.string(execution, Var.REPLY_TEXT),
          Vars.string(execution, Var.REPLY_MEASURES), Vars.actor(identity));
    }
    String history = Vars.string(execution, Var.HISTORY);
    execution.setVariable(Var.HISTORY, history == null ? line : history + "\n\n" + line);
    execution.removeVariable(Var.RATING);
  }
}
