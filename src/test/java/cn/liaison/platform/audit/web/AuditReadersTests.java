package cn.liaison.platform.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.identity.PlatformGroups;
import org.junit.jupiter.api.Test;

class AuditReadersTests {

  @Test
  void theReadersOfTheTrailAreTheAuditorsAndAdministratorsGroups() {
    assertThat(AuditPageController.READERS).containsExactlyInAnyOrder(PlatformGroups.AUDITORS, PlatformGroups.ADMIN);
  }
}
