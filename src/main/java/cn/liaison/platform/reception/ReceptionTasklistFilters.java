package cn.liaison.platform.reception;

import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.identity.TasklistFilters;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** 今日接待: the sessions under way that the deputy is on duty for, with the link to the phone page. */
@Component
@Order(18)
class ReceptionTasklistFilters implements ApplicationRunner {

  static final String TODAY = "今日接待";
  static final List<Map<String, String>> RECEPTION_CARD = List.of(
      Map.of("name", "receptionNo", "label", "接待编号"), Map.of("name", "theme", "label", "主题"),
      Map.of("name", "place", "label", "地点"), Map.of("name", "timeText", "label", "时间"));

  private final TasklistFilters filters;
  private final TaskService tasks;

  ReceptionTasklistFilters(TasklistFilters filters, TaskService tasks) {
    this.filters = filters;
    this.tasks = tasks;
  }

  @Override
  public void run(ApplicationArguments args) {
    filters.ensure(TODAY, "我值班的流动接待：用手机登记来访、意见和当场解决的问题", -9, "#2e7d32",
        tasks.createTaskQuery().processDefinitionKey(ReceptionProcess.KEY)
            .taskDefinitionKey(ReceptionProcess.Task.RECEIVE_VISITORS).taskCandidateUserExpression("${currentUser()}")
            .orderByDueDate().asc(),
        List.of(PlatformGroups.DEPUTIES), RECEPTION_CARD);
  }
}
