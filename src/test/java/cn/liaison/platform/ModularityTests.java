package cn.liaison.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/** Each direct sub-package is a feature; features use each other's top-level API only, without cycles. */
class ModularityTests {

  static final ApplicationModules MODULES = ApplicationModules.of(LiaisonPlatformApplication.class);

  @Test
  void featuresDependOnEachOthersApiOnlyAndWithoutCycles() {
    MODULES.verify();
  }

  /**
   * Departments serve every feature, so they know none: requests and replies carry what they need. They write to the
   * audit trail (changes of the directory), which knows no feature either.
   */
  @Test
  void departmentsKnowNoFeature() {
    ApplicationModule department = MODULES.getModuleByName("department").orElseThrow();
    assertThat(department.getAllDependencies(MODULES).uniqueModules().map(ApplicationModule::getIdentifier)
        .map(Object::toString)).isSubsetOf("system", "notification", "calendar", "audit");
  }
}
