package cn.liaison.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PlatformTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The first filter is 待办: my tasks and my groups' unclaimed ones, soonest due first. Databases seeded before hold
 * 我的待办; seeding turns it into 待办 (same id) and brings every filter's query and properties up to date.
 */
@PlatformTest
class TasklistFiltersTests {

  static final String GROUP = "filter-check-group";

  @Autowired TasklistFilters filters;
  @Autowired IdentitySeeder seeder;
  @Autowired FilterService filterService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizations;

  @AfterEach
  void cleanUp() {
    identityService.clearAuthentication();
    taskService.createTaskQuery().taskNameLike("filter-check-%").list()
        .forEach(t -> taskService.deleteTask(t.getId(), true));
    authorizations.createAuthorizationQuery().groupIdIn(GROUP).list()
        .forEach(a -> authorizations.deleteAuthorization(a.getId()));
    seeder.seed(); // the filters and shares every other test expects
  }

  @Test
  void oldMyTasksFilterBecomesTodoKeepingItsIdAndShares() {
    Filter todo = byName(TasklistFilters.TODO);
    filterService.deleteFilter(todo.getId());
    // as seeded by earlier versions: 我的待办, assigned to me only, no sorting
    Filter old = filterService.newTaskFilter("我的待办").setQuery(filters.mine())
        .setProperties(Map.of("description", "分配给我的任务", "priority", -10, "color", "#2e7d32", "refresh", true));
    filterService.saveFilter(old);

    filters.seed(List.of(GROUP));

    assertThat(filterService.createFilterQuery().filterName("我的待办").count()).isZero();
    Filter converged = byName(TasklistFilters.TODO);
    assertThat(converged.getId()).isEqualTo(old.getId());
    assertThat(converged.getProperties()).containsEntry("description", "分配给我的任务，以及本组尚未认领的任务；按办理时限排序")
        .containsKey("variables");
    TaskQueryImpl query = converged.getQuery();
    assertThat(query.getQueries()).hasSize(2); // the query and its or(assignee, candidate groups)
    assertThat(query.getOrderingProperties()).extracting(o -> o.getQueryProperty().getName()).containsExactly("DUE_DATE_");
    assertThat(authorizations.createAuthorizationQuery().groupIdIn(GROUP).resourceType(Resources.FILTER)
        .resourceId(converged.getId()).count()).isOne();
  }

  @Test
  void oldMyTasksFilterBesideTodoIsRetired() {
    filterService.saveFilter(filterService.newTaskFilter("我的待办").setQuery(filters.mine()));
    filters.seed(List.of());
    assertThat(filterService.createFilterQuery().filterName("我的待办").count()).isZero();
    assertThat(filterService.createFilterQuery().filterName(TasklistFilters.TODO).count()).isOne();
  }

  @Test
  void seedingAgainChangesNothing() {
    filters.seed(List.of());
    var revisions = filterService.createFilterQuery().list().stream()
        .collect(java.util.stream.Collectors.toMap(Filter::getId, f -> ((FilterEntity) f).getRevision()));
    filters.seed(List.of());
    assertThat(filterService.createFilterQuery().list())
        .allSatisfy(f -> assertThat(((FilterEntity) f).getRevision()).isEqualTo(revisions.get(f.getId())));
  }

  @Test
  void todoShowsMineAndMyGroupsUnclaimedTasksSoonestDueFirst() {
    filters.seed(List.of(GROUP));
    Instant now = Instant.now();
    task("filter-check-later", null, now.plus(5, ChronoUnit.DAYS));
    task("filter-check-mine", "filter-check-user", now.plus(2, ChronoUnit.DAYS));
    task("filter-check-soon", null, now.plus(1, ChronoUnit.DAYS));
    task("filter-check-colleague", "filter-check-colleague", now.plus(1, ChronoUnit.HOURS));

    identityService.setAuthentication("filter-check-user", List.of(GROUP));
    List<Task> todo = filterService.list(byName(TasklistFilters.TODO).getId());
    List<Task> overdueSoon = filterService.list(byName("即将到期").getId());
    identityService.clearAuthentication();

    assertThat(todo).extracting(Task::getName).containsExactly("filter-check-soon", "filter-check-mine",
        "filter-check-later");
    assertThat(overdueSoon).extracting(Task::getName).containsExactly("filter-check-soon", "filter-check-mine");
  }

  @Test
  void overdueAndDueSoonAreSortedByDueDate() {
    for (String name : List.of("已超期", "即将到期", "本组待办")) {
      TaskQueryImpl query = byName(name).getQuery();
      assertThat(query.getOrderingProperties()).as(name).extracting(o -> o.getQueryProperty().getName())
          .containsExactly("DUE_DATE_");
    }
  }

  private void task(String name, String assignee, Instant due) {
    Task task = taskService.newTask();
    task.setName(name);
    task.setAssignee(assignee);
    task.setDueDate(Date.from(due));
    taskService.saveTask(task);
    taskService.addCandidateGroup(task.getId(), GROUP);
  }

  private Filter byName(String name) {
    return filterService.createFilterQuery().filterName(name).singleResult();
  }
}
