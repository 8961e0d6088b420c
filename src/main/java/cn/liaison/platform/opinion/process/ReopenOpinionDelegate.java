package cn.liaison.platform.opinion.process;

import cn.liaison.platform.opinion.OpinionLoopProcess.Var;

import cn.liaison.platform.opinion.OpinionHandling;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 重新研判 after a dissatisfied evaluation: the comment goes with it to the analysts. */
@Component("reopenOpinionDelegate")
class ReopenOpinionDelegate implements JavaDelegate {

  private final OpinionHandling handling;
  private final IdentityService identity;

  ReopenOpinionDelegate(OpinionHandling handling, IdentityService identity) {
    this.handling = handling;
    this.identity = identity;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String comment = Vars.string(execution, Var.LAST_EVALUATION_COMMENT);
    int count = handling.reopen(Vars.opinionId(handling, execution), comment, Vars.actor(identity));
    execution.setVariable(Var.REOPEN_COUNT, count);
    String history = Vars.string(execution, Var.HISTORY);
    String line = "【群众评价：不满意】" + (comment == null ? "（未填写意见）" : comment);
    execution.setVariable(Var.HISTORY, history == null ? line : history + "\n\n" + line);
    execution.removeVariable(Var.RATING);
  }
}
