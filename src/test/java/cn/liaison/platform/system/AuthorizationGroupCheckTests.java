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
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The authorization checks take a user's groups as they are instead of first narrowing them to the groups named in
 * some authorization (AuthorizationGroupCheck, which spares a scan of the authorization table per command): who may
 * see and work a task must not change — a group with no grant still gives nothing, a group's first grant counts at
 * the next request, and a revoke still wins over a grant.
 */
@PlatformTest
class AuthorizationGroupCheckTests {

  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;

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
