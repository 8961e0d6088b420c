package cn.liaison.platform.supervision;

import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.identity.TasklistFilters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * 红灯事项 / 黄灯事项: every open task whose item is red (overdue or in 督办) or yellow (close to its deadline or urged),
 * for supervisors (督办人员) and the congress office (代表工委, who supervise proposals). Supervisors read — never work —
 * the tasks of the supervised processes (READ_TASK on those process definitions, granted here), so they see the
 * departments' slipping work at a glance; completing or claiming it stays with the departments.
 */
@Component
@Order(18)
class SupervisionTasklistFilters implements ApplicationRunner {

  static final String RED = "红灯事项";
  static final String YELLOW = "黄灯事项";
  static final List<String> GROUPS = List.of(PlatformGroups.SUPERVISORS, PlatformGroups.CONGRESS_OFFICE);

  private final TasklistFilters filters;
  private final TaskService tasks;
  private final AuthorizationService authorizations;
  private final SupervisionLights lights;

  SupervisionTasklistFilters(TasklistFilters filters, TaskService tasks, AuthorizationService authorizations,
      SupervisionLights lights) {
    this.filters = filters;
    this.tasks = tasks;
    this.authorizations = authorizations;
    this.lights = lights;
  }

  @Override
  public void run(ApplicationArguments args) {
    lights.deadlines().keySet().stream().sorted().forEach(key -> grantReadTasks(PlatformGroups.SUPERVISORS, key));
    filters.ensure(RED, "三色督办：已超期或正在督办的事项（群众意见、代表建议、整改问题），按办理时限排序", -9, "#c62828",
        byLight(SupervisionLight.RED), GROUPS, card());
    filters.ensure(YELLOW, "三色督办：已用去三分之二办理时间或已催办、临近期限的事项，按办理时限排序", -8, "#f9a825",
        byLight(SupervisionLight.YELLOW), GROUPS, card());
  }

  TaskQuery byLight(SupervisionLight light) {
    return tasks.createTaskQuery().taskVariableValueEquals(SupervisionLight.VAR, light.name()).orderByDueDate().asc();
  }

  /** The light first, then each kind's own numbers (a card shows those its task has). */
  List<Map<String, String>> card() {
    var entries = new LinkedHashMap<String, Map<String, String>>();
    entries.put(SupervisionLight.TEXT_VAR, SupervisionLight.CARD_VARIABLE);
    lights.deadlines().values().stream().sorted(java.util.Comparator.comparing(SupervisedDeadline::kind))
        .flatMap(d -> d.card().stream()).forEach(v -> entries.putIfAbsent(v.get("name"), v));
    return new ArrayList<>(entries.values());
  }

  /** READ_TASK on one process definition key (added to the group's grant there, if any). */
  private void grantReadTasks(String group, String processKey) {
    Authorization auth = authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(group).resourceType(Resources.PROCESS_DEFINITION).resourceId(processKey).singleResult();
    if (auth == null) {
      auth = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      auth.setGroupId(group);
      auth.setResource(Resources.PROCESS_DEFINITION);
      auth.setResourceId(processKey);
    } else if (auth.isPermissionGranted(ProcessDefinitionPermissions.READ_TASK)) {
      return;
    }
    auth.addPermission(ProcessDefinitionPermissions.READ_TASK);
    authorizations.saveAuthorization(auth);
  }
}
