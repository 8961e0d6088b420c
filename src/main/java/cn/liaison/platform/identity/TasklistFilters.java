package cn.liaison.platform.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.json.JsonTaskQueryConverter;
import org.camunda.bpm.engine.query.Query;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * Tasklist filters in Chinese. Their queries use the current user and groups, so one filter serves every
 * group it is shared with. Features add their own (e.g. 督办事项, 我的包户) through {@link #ensure}.
 */
@Component
public class TasklistFilters {

  /** Variables shown on the task cards of the general filters. */
  public static final List<Map<String, String>> CARD_VARIABLES = List.of(
      Map.of("name", "ticketNo", "label", "受理编号"),
      Map.of("name", "categoryName", "label", "类别"),
      Map.of("name", "stationName", "label", "联络站"),
      // 三色督办 (supervision.SupervisionLight#CARD_VARIABLE; identity knows no feature, so the name is repeated here)
      Map.of("name", "supervisionLightText", "label", "督办灯"));

  /** The filter every Tasklist user sees first. */
  public static final String TODO = "待办";

  /** Its former names: databases seeded before hold it under these, and seeding renames it (same id). */
  static final List<String> TODO_FORMER_NAMES = List.of("我的待办");

  private final FilterService filterService;
  private final TaskService taskService;
  private final AuthorizationService authorizations;

  TasklistFilters(FilterService filterService, TaskService taskService, AuthorizationService authorizations) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.authorizations = authorizations;
  }

  void seed(List<String> groups) {
    rename(TODO_FORMER_NAMES, TODO);
    ensure(TODO, "分配给我的任务，以及本组尚未认领的任务；按办理时限排序", -10, "#2e7d32",
        mineOrMyGroups().orderByDueDate().asc(), groups);
    ensure("本组待办", "本组的全部任务，包括同事已认领的", -5, "#1565c0",
        taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
            .includeAssignedTasks().orderByDueDate().asc(), groups);
    ensure("即将到期", "两天内到期的我的和本组任务", 0, "#ef6c00",
        mineOrMyGroups().dueAfterExpression("${now()}").dueBeforeExpression("${dateTime().plusDays(2).toDate()}")
            .orderByDueDate().asc(),
        groups);
    ensure("已超期", "已超过办理时限的我的和本组任务", 5, "#c62828",
        mineOrMyGroups().dueBeforeExpression("${now()}").orderByDueDate().asc(), groups);
  }

  public TaskQuery mine() {
    return taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}");
  }

  /**
   * Assigned to me, or waiting unclaimed for one of my groups (a candidate-group criterion matches only unassigned
   * tasks unless the query includes assigned ones).
   */
  public TaskQuery mineOrMyGroups() {
    return taskService.createTaskQuery().or()
        .taskAssigneeExpression("${currentUser()}")
        .taskCandidateGroupInExpression("${currentUserGroups()}")
        .endOr();
  }

  /**
   * Creates the filter (found by name) or brings an existing one up to date, and shares it (READ) with the groups;
   * cards show ticket, category, station.
   */
  public void ensure(String name, String description, int priority, String color, TaskQuery query,
      List<String> groups) {
    ensure(name, description, priority, color, query, groups, CARD_VARIABLES);
  }

  /**
   * The same with the variables its task cards show (name, Chinese label). Processes copy those onto each task
   * as task variables, so people who may work the task see them without reading the whole process instance.
   * An existing filter of that name gets this query (criteria and sorting) and these properties: seeding converges,
   * and writes only what differs.
   */
  public void ensure(String name, String description, int priority, String color, TaskQuery query,
      List<String> groups, List<Map<String, String>> cardVariables) {
    Map<String, Object> properties = Map.of("description", description, "priority", priority, "color", color,
        "refresh", true, "variables", cardVariables);
    Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filterService.newTaskFilter(name).setQuery(query).setProperties(new HashMap<>(properties));
      filterService.saveFilter(filter);
    } else if (!sameQuery(filter.getQuery(), query) || !properties.equals(filter.getProperties())) {
      filter.setQuery(query);
      filter.setProperties(new HashMap<>(properties));
      filterService.saveFilter(filter);
    }
    for (String group : groups) {
      boolean shared = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT).groupIdIn(group)
          .resourceType(Resources.FILTER).resourceId(filter.getId()).count() > 0;
      if (!shared) {
        var auth = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
        auth.setGroupId(group);
        auth.setResource(Resources.FILTER);
        auth.setResourceId(filter.getId());
        auth.addPermission(Permissions.READ);
        authorizations.saveAuthorization(auth);
      }
    }
  }

  /**
   * Gives a filter seeded under a former name its new name, keeping its id (links to it and its shares stay), so
   * nobody sees both. When the new one exists already, the old one is deleted.
   */
  public void rename(List<String> formerNames, String name) {
    for (String former : formerNames) {
      for (Filter old : filterService.createFilterQuery().filterName(former).list()) {
        if (filterService.createFilterQuery().filterName(name).count() == 0) {
          filterService.saveFilter(old.setName(name));
        } else {
          filterService.deleteFilter(old.getId());
        }
      }
    }
  }

  private static boolean sameQuery(Query<?, ?> stored, TaskQuery wanted) {
    var json = new JsonTaskQueryConverter();
    return stored instanceof TaskQuery storedTaskQuery
        && json.toJsonObject(storedTaskQuery).equals(json.toJsonObject(wanted));
  }
}
