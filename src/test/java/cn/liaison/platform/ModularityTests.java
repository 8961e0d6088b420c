package cn.liaison.platform;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Each direct sub-package is a feature; features use each other's top-level API only, without cycles. */
class ModularityTests {

  @Test
  void featuresDependOnEachOthersApiOnlyAndWithoutCycles() {
    ApplicationModules.of(LiaisonPlatformApplication.class).verify();
  }
}
