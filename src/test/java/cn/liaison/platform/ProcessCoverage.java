package cn.liaison.platform;

import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Scope;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Process-test coverage in the context the {@link FullProcessCoverage} classes share. The coverage listener
 * reads its settings from the context when a test class starts; as the classes share the context, the
 * settings are made per class (a prototype bean) from the class's annotation, which {@link CurrentTestClass}
 * notes just before.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ProcessCoverage {

  private static volatile Class<?> currentTestClass;

  // primary: ProcessEngineCoverageConfiguration defines its default beside it
  @Bean
  @Primary
  @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
  ProcessEngineCoverageProperties coverageProperties() {
    Class<?> testClass = currentTestClass;
    FullProcessCoverage full = testClass == null ? null : testClass.getAnnotation(FullProcessCoverage.class);
    if (full == null) {
      // a report but no assertion (left out, a class could not run processes: the engine plugin needs a run)
      // (only for a class that joins the coverage context without the annotation, e.g. a @Nested one)
      return ProcessEngineCoverageProperties.builder().build();
    }
    return ProcessEngineCoverageProperties.builder().assertClassCoverageAtLeast(1.0)
        .excludeProcessDefinitionKeys(full.excluding()).build();
  }

  /** Notes the test class before the coverage listener (which runs last) asks for its settings. */
  public static class CurrentTestClass extends AbstractTestExecutionListener {

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void beforeTestClass(TestContext testContext) {
      currentTestClass = testContext.getTestClass();
    }
  }
}
