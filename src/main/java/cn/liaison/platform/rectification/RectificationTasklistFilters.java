package cn.liaison.platform.rectification;

import cn.liaison.platform.department.Department;
import cn.liaison.platform.department.Departments;
import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.identity.TasklistFilters;
import cn.liaison.platform.supervision.SupervisionLight;
import cn.liaison.platform.rectification.RectificationProcess.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * 整改待办: the problems a unit must rectify and those the station's staff feed back and cross off; 待我核验: the
 * rectifications a grid's deputy must verify.
 */
@Component
@Order(17)
class RectificationTasklistFilters implements ApplicationRunner {

  static final String TO_RECTIFY = "整改待办";
  static final String TO_VERIFY = "待我核验";
  static final List<Map<String, String>> PROBLEM_CARD = List.of(Map.of("name", "problemNo", "label", "问题编号"),
      Map.of("name", "driveName", "label", "整治行动"), Map.of("name", "deadlineText", "label", "整改期限"),
      SupervisionLight.CARD_VARIABLE);

  private final TasklistFilters filters;
  private final TaskService tasks;
  private final Departments departments;

  RectificationTasklistFilters(TasklistFilters filters, TaskService tasks, Departments departments) {
    this.filters = filters;
    this.tasks = tasks;
    this.departments = departments;
  }

  @Override
  public void run(ApplicationArguments args) {
    List<String> groups = new ArrayList<>(departments.findAll().stream().map(Department::groupId).toList());
    groups.add(PlatformGroups.STATION_STAFF);
    filters.ensure(TO_RECTIFY, "一网四制：本单位要整改的问题，本站要反馈和销号的问题", -6, "#bf360c",
        filters.mineOrMyGroups().processDefinitionKey(RectificationProcess.KEY)
            .taskDefinitionKeyIn(Task.RECTIFY, Task.RECORD_FEEDBACK, Task.CLOSE).orderByDueDate().asc(),
        groups, PROBLEM_CARD);
    filters.ensure(TO_VERIFY, "一网四制：我负责的网格里已整改、待我核验的问题", -6, "#2e7d32",
        tasks.createTaskQuery().processDefinitionKey(RectificationProcess.KEY).taskDefinitionKey(Task.VERIFY)
            .taskAssigneeExpression("${currentUser()}").orderByDueDate().asc(),
        List.of(PlatformGroups.DEPUTIES), PROBLEM_CARD);
  }
}
