package cn.liaison.platform.opinion;

import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.identity.TasklistFilters;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Tasklist filters of the opinion loop: what supervisors and analysts look at first. */
@Component
@Order(15)
class OpinionTasklistFilters implements ApplicationRunner {

  private final TasklistFilters filters;
  private final TaskService tasks;

  OpinionTasklistFilters(TasklistFilters filters, TaskService tasks) {
    this.filters = filters;
    this.tasks = tasks;
  }

  @Override
  public void run(ApplicationArguments args) {
    filters.ensure("督办事项", "超期督办、延期审批和不满意复核", -8, "#6a1b9a",
        tasks.createTaskQuery().processDefinitionKey(OpinionLoopProcess.KEY).taskDefinitionKeyIn(
            OpinionLoopProcess.Task.SUPERVISE, OpinionLoopProcess.Task.APPROVE_EXTENSION,
            OpinionLoopProcess.Task.REVIEW_DISSATISFIED),
        List.of(PlatformGroups.SUPERVISORS));
    filters.ensure("群众不满意重办", "群众评价不满意后重新研判的意见", -7, "#ad1457",
        tasks.createTaskQuery().processDefinitionKey(OpinionLoopProcess.KEY)
            .taskDefinitionKey(OpinionLoopProcess.Task.ANALYZE).processVariableValueGreaterThan("reopenCount", 0),
        List.of(PlatformGroups.ANALYSTS, PlatformGroups.SUPERVISORS));
    // each deputy sees only the opinions sent to him or her (candidate user, the task's own authorization)
    filters.ensure("群众直接来信", "群众通过代表码直接向我反映的意见，请在办理时限内答复或转交", -9, "#c62828",
        tasks.createTaskQuery().processDefinitionKey(OpinionLoopProcess.KEY)
            .taskDefinitionKey(OpinionLoopProcess.Task.DEPUTY_FIRST_RESPONSE),
        List.of(PlatformGroups.DEPUTIES));
  }
}
