package cn.liaison.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PlatformTest;
import cn.liaison.platform.WebappLogin;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * 人大常委会代表工委 (group congress-office, demo user office1): Tasklist with the Chinese filters, Cockpit to read about
 * processes, and nothing it could change there; Camunda Admin stays closed. (Its API rights are in the
 * authorization matrix.)
 */
@PlatformTest
class CongressOfficeTests {

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identity;

  @Test
  void congressOfficeIsAGroupWithItsChineseNameAndOffice1IsInIt() {
    assertThat(identity.createGroupQuery().groupId(PlatformGroups.CONGRESS_OFFICE).singleResult().getName())
        .isEqualTo("人大常委会代表工委");
    assertThat(identity.createUserQuery().memberOfGroup(PlatformGroups.CONGRESS_OFFICE).list())
        .extracting("id").contains("office1");
    assertThat(identity.checkPassword("office1", "office1")).isTrue();
  }

  @Test
  void office1LogsIntoTasklistAndCockpitButNotAdmin() {
    assertThat(login("office1", "tasklist")).isEqualTo(HttpStatus.OK);
    assertThat(login("office1", "cockpit")).isEqualTo(HttpStatus.OK);
    assertThat(login("office1", "admin")).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void office1ReadsProcessesAndHasTheTasklistFiltersButMayNotDeploy() {
    var office = http.withBasicAuth("office1", "office1");
    assertThat(office.getForEntity("/engine-rest/process-definition", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(office.getForEntity("/engine-rest/process-definition", String.class).getBody())
        .contains("opinion-loop");
    var filters = office.exchange("/engine-rest/filter", HttpMethod.GET, null,
        new ParameterizedTypeReference<List<Map<String, Object>>>() {}).getBody();
    assertThat(filters).extracting(f -> f.get("name")).contains("待办", "本组待办", "即将到期", "已超期");
    assertThat(office.getForEntity("/engine-rest/authorization/check?permissionName=CREATE&resourceName=Deployment"
        + "&resourceType=9", String.class).getBody()).contains("\"authorized\":false");
  }

  HttpStatus login(String user, String app) {
    return HttpStatus.valueOf(WebappLogin.login(http, user, app).response().getStatusCode().value());
  }
}
