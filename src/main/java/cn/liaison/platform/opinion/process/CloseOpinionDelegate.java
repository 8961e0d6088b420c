package cn.liaison.platform.opinion.process;

import cn.liaison.platform.opinion.OpinionLoopProcess.Var;

import cn.liaison.platform.opinion.OpinionHandling;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 办结: records the outcome; without a rating the citizen did not evaluate in time (未评价). */
@Component("closeOpinionDelegate")
class CloseOpinionDelegate implements JavaDelegate {

  private final OpinionHandling handling;
  private final IdentityService identity;

  CloseOpinionDelegate(OpinionHandling handling, IdentityService identity) {
    this.handling = handling;
    this.identity = identity;
  }

  @Override
  public void execute(DelegateExecution execution) {
    handling.close(Vars.opinionId(handling, execution), Vars.string(execution, Var.RATING), Vars.actor(identity));
  }
}
