package cn.liaison.platform.project;

import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.identity.TasklistFilters;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** 项目督查: the milestone inspections and acceptances of the projects the deputy supervises. */
@Component
@Order(19)
class ProjectTasklistFilters implements ApplicationRunner {

  static final String SUPERVISION = "项目督查";
  static final List<Map<String, String>> PROJECT_CARD = List.of(Map.of("name", "projectCode", "label", "项目编码"),
      Map.of("name", "projectName", "label", "项目"), Map.of("name", "milestoneName", "label", "节点"));

  private final TasklistFilters filters;
  private final TaskService tasks;

  ProjectTasklistFilters(TasklistFilters filters, TaskService tasks) {
    this.filters = filters;
    this.tasks = tasks;
  }

  @Override
  public void run(ApplicationArguments args) {
    filters.ensure(SUPERVISION, "我督查的项目：到期节点的现场检查和竣工后的验收意见", -5, "#33691e",
        tasks.createTaskQuery().processDefinitionKey(ProjectProcess.KEY)
            .taskCandidateUserExpression("${currentUser()}").orderByDueDate().asc(),
        List.of(PlatformGroups.DEPUTIES), PROJECT_CARD);
  }
}
