package cn.liaison.platform.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.liaison.platform.PlatformTest;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.task.Task;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The authorization checks take a user's groups as they are instead of first narrowing them to the groups named in
 * some authorization (AuthorizationGroupCheck, which spares a scan of the authorization table per command): who may
 * see and work a task must not change — a group with no grant still gives nothing, a group's first grant counts at
 * the next request, and a revoke still wins over a grant. The plain query that replaces Camunda's statement when no
 * revoke applies must answer every check as Camunda's own statement does.
 */
@PlatformTest
class AuthorizationGroupCheckTests {

  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired ProcessEngine engine;

  final String suffix = UUID.randomUUID().toString().substring(0, 8);
  final String workers = "grp-check-workers-" + suffix;
  final String bystanders = "grp-check-bystanders-" + suffix;
  final String clerk = "grp-check-clerk-" + suffix;
  Task task;

  @BeforeEach
  void taskForTheWorkersGroup() {
    task = tasks.newTask();
    task.setName("核对台账");
    tasks.saveTask(task);
    // a candidate group gets its rows on the task from the engine (TASK_WORK, READ), as for every process task
    tasks.addCandidateGroup(task.getId(), workers);
  }

  @AfterEach
  void cleanUp() {
    identity.clearAuthentication();
    if (tasks.createTaskQuery().taskId(task.getId()).count() > 0) {
      tasks.deleteTask(task.getId(), true);
    } else {
      org.camunda.bpm.engine.ProcessEngines.getDefaultProcessEngine().getHistoryService()
          .deleteHistoricTaskInstance(task.getId());
    }
    authorizations.createAuthorizationQuery().resourceId(task.getId()).list()
        .forEach(a -> authorizations.deleteAuthorization(a.getId()));
    authorizations.createAuthorizationQuery().resourceId(definition).list()
        .forEach(a -> authorizations.deleteAuthorization(a.getId()));
    for (String group : List.of(workers, bystanders)) {
      authorizations.createAuthorizationQuery().groupIdIn(group).list()
          .forEach(a -> authorizations.deleteAuthorization(a.getId()));
    }
    for (String user : List.of(clerk, "grp-check-other-" + suffix)) {
      authorizations.createAuthorizationQuery().userIdIn(user).list()
          .forEach(a -> authorizations.deleteAuthorization(a.getId()));
    }
  }

  final String definition = "grp-check-definition-" + suffix;

  @Test
  void withoutRevokesThePlainQueryAnswersEveryCheckAsCamundasOwnStatement() {
    // grants of every kind: the user's, a group's, global ones, on one resource and on all of a type
    grant(Authorization.AUTH_TYPE_GRANT, clerk, null, Resources.TASK, task.getId(), Permissions.READ);
    grant(Authorization.AUTH_TYPE_GRANT, null, bystanders, Resources.PROCESS_DEFINITION, definition,
        ProcessDefinitionPermissions.UPDATE_TASK);
    grant(Authorization.AUTH_TYPE_GRANT, null, bystanders, Resources.TASK, "*", Permissions.READ);
    grant(Authorization.AUTH_TYPE_GLOBAL, "*", null, Resources.PROCESS_DEFINITION, definition, Permissions.READ,
        ProcessDefinitionPermissions.TASK_WORK);
    String other = "grp-check-other-" + suffix;
    grant(Authorization.AUTH_TYPE_GRANT, other, null, Resources.PROCESS_DEFINITION, "*", Permissions.READ);

    List<Map.Entry<String, List<String>>> users = List.of(Map.entry(clerk, List.of(workers)),
        Map.entry(clerk, List.of(bystanders)), Map.entry(clerk, List.of()), Map.entry(other, List.of(workers,
            bystanders)), Map.entry(other, List.of()), Map.entry("grp-check-nobody-" + suffix, List.of("nobody")));
    List<CompositePermissionCheck> checks = checks();
    List<String> disagreements = new ArrayList<>();
    int fastTrue = 0;
    int fastFalse = 0;
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
        .getProcessEngineConfiguration();
    for (var user : users) {
      for (CompositePermissionCheck check : checks) {
        boolean[] answers = configuration.getCommandExecutorTxRequired().execute(context -> new boolean[] {
            new AuthorizationManager().isAuthorized(user.getKey(), user.getValue(), check),
            new AuthorizationGroupCheck.WithUsersGroups().granted(user.getKey(), user.getValue(),
                check.getAtomicChecks(), check.isDisjunctive()),
            new AuthorizationGroupCheck.WithUsersGroups().isAuthorized(user.getKey(), user.getValue(), check)});
        if (answers[0] != answers[1] || answers[0] != answers[2]) {
          disagreements.add(user + " " + describe(check) + ": Camunda " + answers[0] + ", plain query " + answers[1]
              + ", platform " + answers[2]);
        }
        if (answers[1]) {
          fastTrue++;
        } else {
          fastFalse++;
        }
      }
    }
    assertThat(disagreements).isEmpty();
    // the matrix holds both answers, so it compares something
    assertThat(fastTrue).isGreaterThan(5);
    assertThat(fastFalse).isGreaterThan(5);
  }

  @Test
  void aRevokeForTheUserStillWinsOverAGlobalGrantOfTheDefinition() {
    assertRevokeWinsOverAGlobalGrant(revoke -> revoke.setUserId(clerk));
  }

  @Test
  void aRevokeForOneOfTheUsersGroupsStillWinsOverAGlobalGrantOfTheDefinition() {
    // the group's revoke is found by the same statement that reads the grants
    assertRevokeWinsOverAGlobalGrant(revoke -> revoke.setGroupId(bystanders));
  }

  /** The clerk (in the bystanders group) may work the task by a global grant, until the revoke is saved. */
  private void assertRevokeWinsOverAGlobalGrant(java.util.function.Consumer<Authorization> whose) {
    grant(Authorization.AUTH_TYPE_GLOBAL, "*", null, Resources.PROCESS_DEFINITION, definition,
        ProcessDefinitionPermissions.TASK_WORK);
    CompositePermissionCheck taskWork = new CompositePermissionCheck(true);
    taskWork.addAtomicCheck(check(Resources.TASK, task.getId(), TaskPermissions.TASK_WORK));
    taskWork.addAtomicCheck(check(Resources.PROCESS_DEFINITION, definition, ProcessDefinitionPermissions.TASK_WORK));
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
        .getProcessEngineConfiguration();
    assertThat(mayWork(configuration, taskWork)).isTrue();

    Authorization revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    whose.accept(revoke);
    revoke.setResource(Resources.PROCESS_DEFINITION);
    revoke.setResourceId(definition);
    revoke.removePermission(ProcessDefinitionPermissions.TASK_WORK);
    authorizations.saveAuthorization(revoke);

    assertThat(mayWork(configuration, taskWork)).isFalse();
  }

  private boolean mayWork(ProcessEngineConfigurationImpl configuration, CompositePermissionCheck check) {
    Boolean answer = configuration.getCommandExecutorTxRequired().execute(context ->
        new AuthorizationGroupCheck.WithUsersGroups().isAuthorized(clerk, List.of(bystanders), check));
    return answer;
  }

  private void grant(int type, String user, String group, Resource resource, String id, Permission... permissions) {
    Authorization authorization = authorizations.createNewAuthorization(type);
    if (user != null) {
      authorization.setUserId(user);
    } else {
      authorization.setGroupId(group);
    }
    authorization.setResource(resource);
    authorization.setResourceId(id);
    for (Permission permission : permissions) {
      authorization.addPermission(permission);
    }
    authorizations.saveAuthorization(authorization);
  }

  /** The task-work check of a completion, and single and conjunctive checks of every grant above. */
  private List<CompositePermissionCheck> checks() {
    List<CompositePermissionCheck> checks = new ArrayList<>();
    CompositePermissionCheck taskWork = new CompositePermissionCheck(true);
    taskWork.addAtomicCheck(check(Resources.TASK, task.getId(), TaskPermissions.TASK_WORK));
    taskWork.addAtomicCheck(check(Resources.PROCESS_DEFINITION, definition, ProcessDefinitionPermissions.TASK_WORK));
    taskWork.addAtomicCheck(check(Resources.TASK, task.getId(), TaskPermissions.UPDATE));
    taskWork.addAtomicCheck(check(Resources.PROCESS_DEFINITION, definition, ProcessDefinitionPermissions.UPDATE_TASK));
    checks.add(taskWork);
    List<PermissionCheck> singles = List.of(
        check(Resources.TASK, task.getId(), TaskPermissions.READ),
        check(Resources.TASK, task.getId(), TaskPermissions.TASK_WORK),
        check(Resources.TASK, task.getId(), TaskPermissions.DELETE),
        check(Resources.TASK, "*", TaskPermissions.READ),
        check(Resources.TASK, null, TaskPermissions.READ),
        check(Resources.PROCESS_DEFINITION, definition, ProcessDefinitionPermissions.READ),
        check(Resources.PROCESS_DEFINITION, definition, ProcessDefinitionPermissions.TASK_WORK),
        check(Resources.PROCESS_DEFINITION, definition, ProcessDefinitionPermissions.UPDATE_TASK),
        check(Resources.PROCESS_DEFINITION, "grp-check-elsewhere", ProcessDefinitionPermissions.READ),
        check(Resources.PROCESS_DEFINITION, definition, Permissions.ALL));
    for (PermissionCheck single : singles) {
      CompositePermissionCheck one = new CompositePermissionCheck(true);
      one.addAtomicCheck(single);
      checks.add(one);
    }
    for (int i = 0; i + 1 < singles.size(); i++) {
      CompositePermissionCheck both = new CompositePermissionCheck(false);
      both.addAtomicCheck(singles.get(i));
      both.addAtomicCheck(singles.get(i + 1));
      checks.add(both);
      CompositePermissionCheck either = new CompositePermissionCheck(true);
      either.addAtomicCheck(singles.get(i));
      either.addAtomicCheck(singles.get(i + 1));
      checks.add(either);
    }
    return checks;
  }

  private static PermissionCheck check(Resource resource, String id, Permission permission) {
    PermissionCheck check = new PermissionCheck();
    check.setResource(resource);
    check.setResourceId(id);
    check.setPermission(permission);
    return check;
  }

  private static String describe(CompositePermissionCheck check) {
    return (check.isDisjunctive() ? "any of " : "all of ") + check.getAtomicChecks().stream()
        .map(c -> c.getPermission().getName() + " " + c.getResource().resourceName() + " " + c.getResourceId())
        .toList();
  }

  @Test
  void aMemberOfTheCandidateGroupSeesAndWorksTheTaskWhateverOtherGroupsTheyHave() {
    identity.setAuthentication(clerk, List.of(bystanders, workers, "camunda-no-such-group"));
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
    tasks.complete(task.getId());
    identity.clearAuthentication();
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isZero();
  }

  @Test
  void aGroupWithoutAnyGrantGivesNothing() {
    identity.setAuthentication(clerk, List.of(bystanders));
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isZero();
    assertThatThrownBy(() -> tasks.complete(task.getId())).isInstanceOf(AuthorizationException.class);
  }

  @Test
  void aGroupsFirstGrantCountsAtTheNextRequest() {
    identity.setAuthentication(clerk, List.of(bystanders));
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isZero();
    identity.clearAuthentication();
    tasks.addCandidateGroup(task.getId(), bystanders);
    identity.setAuthentication(clerk, List.of(bystanders));
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
  }

  @Test
  void aRevokeForTheUserStillWinsOverTheGroupsGrant() {
    Authorization revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    revoke.setUserId(clerk);
    revoke.setResource(Resources.TASK);
    revoke.setResourceId(task.getId());
    revoke.removePermission(Permissions.TASK_WORK);
    revoke.removePermission(Permissions.UPDATE);
    authorizations.saveAuthorization(revoke);

    identity.setAuthentication(clerk, List.of(workers));
    assertThatThrownBy(() -> tasks.complete(task.getId())).isInstanceOf(AuthorizationException.class);
  }
}
