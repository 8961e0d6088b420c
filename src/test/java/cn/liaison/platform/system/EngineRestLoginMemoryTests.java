package cn.liaison.platform.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PlatformTest;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/**
 * /engine-rest remembers a login that passed for a minute (EngineRestAuthentications), so a Tasklist-like client does
 * not pay three extra engine commands per request — but never at the cost of security: a wrong password is always
 * refused, and a changed password, a removed membership or a deleted user take effect at the next request.
 */
@PlatformTest
class EngineRestLoginMemoryTests {

  static final String USER = "login-memory-clerk";
  static final String GROUP = "login-memory-readers";

  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired TestRestTemplate http;
  @Autowired EngineRestAuthentications remembered;

  @BeforeEach
  void clerkWhoMayReadProcessDefinitions() {
    User user = identity.newUser(USER);
    user.setPassword("first-Passw0rd");
    identity.saveUser(user);
    identity.saveGroup(identity.newGroup(GROUP));
    identity.createMembership(USER, GROUP);
    Authorization read = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    read.setGroupId(GROUP);
    read.setResource(Resources.PROCESS_DEFINITION);
    read.setResourceId("*");
    read.addPermission(Permissions.READ);
    authorizations.saveAuthorization(read);
  }

  @AfterEach
  void removeClerk() {
    authorizations.createAuthorizationQuery().groupIdIn(GROUP).list()
        .forEach(a -> authorizations.deleteAuthorization(a.getId()));
    identity.deleteUser(USER);
    identity.deleteGroup(GROUP);
  }

  @Test
  void aWrongPasswordIsRefusedEvenRightAfterTheRightOne() {
    assertThat(definitions("first-Passw0rd")).isEqualTo(HttpStatus.OK);
    assertThat(definitions("first-Passw0rd")).isEqualTo(HttpStatus.OK);
    assertThat(definitions("first-Passw0rd-guess")).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(definitions("")).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aChangedPasswordTakesEffectAtTheNextRequest() {
    assertThat(definitions("first-Passw0rd")).isEqualTo(HttpStatus.OK);
    User user = identity.createUserQuery().userId(USER).singleResult();
    user.setPassword("second-Passw0rd");
    identity.saveUser(user);
    assertThat(definitions("first-Passw0rd")).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(definitions("second-Passw0rd")).isEqualTo(HttpStatus.OK);
  }

  @Test
  void aRemovedMembershipTakesEffectAtTheNextRequest() {
    assertThat(readableDefinitions()).isGreaterThan(0);
    identity.deleteMembership(USER, GROUP);
    assertThat(readableDefinitions()).isZero();
  }

  @Test
  void aDeletedUserIsRefusedAtTheNextRequest() {
    assertThat(definitions("first-Passw0rd")).isEqualTo(HttpStatus.OK);
    identity.deleteUser(USER);
    assertThat(definitions("first-Passw0rd")).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aLoginThatPassedIsRememberedWithItsGroups() {
    assertThat(definitions("first-Passw0rd")).isEqualTo(HttpStatus.OK);
    String header = "Basic " + java.util.Base64.getEncoder().encodeToString((USER + ":first-Passw0rd").getBytes());
    var known = remembered.recall(org.camunda.bpm.engine.ProcessEngines.getDefaultProcessEngine(), header);
    assertThat(known).isNotNull();
    assertThat(known.userId()).isEqualTo(USER);
    assertThat(known.groupIds()).contains(GROUP);
  }

  HttpStatus definitions(String password) {
    return HttpStatus.valueOf(http.withBasicAuth(USER, password)
        .getForEntity("/engine-rest/process-definition/count", String.class).getStatusCode().value());
  }

  long readableDefinitions() {
    var response = http.withBasicAuth(USER, "first-Passw0rd")
        .getForEntity("/engine-rest/process-definition/count", java.util.Map.class);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    return ((Number) response.getBody().get("count")).longValue();
  }
}
