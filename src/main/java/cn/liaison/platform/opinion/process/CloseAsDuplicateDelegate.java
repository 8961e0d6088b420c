package cn.liaison.platform.opinion.process;

import cn.liaison.platform.opinion.OpinionLoopProcess.Var;

import cn.liaison.platform.opinion.OpinionHandling;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component("closeAsDuplicateDelegate")
class CloseAsDuplicateDelegate implements JavaDelegate {

  private final OpinionHandling handling;
  private final IdentityService identity;

  CloseAsDuplicateDelegate(OpinionHandling handling, IdentityService identity) {
    this.handling = handling;
    this.identity = identity;
  }

  @Override
  public void execute(DelegateExecution execution) {
    handling.closeAsDuplicate(Vars.opinionId(handling, execution), Vars.string(execution, Var.DUPLICATE_OF), Vars.actor(identity));
  }
}
