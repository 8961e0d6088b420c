package cn.liaison.platform.opinion.process;

import cn.liaison.platform.opinion.OpinionHandling;
import cn.liaison.platform.opinion.OpinionLoopProcess.Var;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 转联络站并告知代表: the deputy's deadline passed; the opinion goes on to the station's 汇总梳理. */
@Component("moveToStationDelegate")
class MoveToStationDelegate implements JavaDelegate {

  private final OpinionHandling handling;

  MoveToStationDelegate(OpinionHandling handling) {
    this.handling = handling;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String line = handling.movedToStation(Vars.opinionId(handling, execution), Vars.ticketNo(execution));
    String history = Vars.string(execution, Var.HISTORY);
    execution.setVariable(Var.HISTORY, history == null ? line : history + "\n\n" + line);
  }
}
