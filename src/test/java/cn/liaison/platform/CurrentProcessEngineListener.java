package cn.liaison.platform;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Camunda's REST API and webapps find the engine by name ("default") in a static registry. Test contexts
 * are cached side by side in one JVM, and the last one started (or closed) wins that name; so before each
 * test the engine of the test's own context is registered again, and /engine-rest talks to the right database.
 */
public class CurrentProcessEngineListener extends AbstractTestExecutionListener {

  @Override
  public void beforeTestMethod(TestContext testContext) {
    if (testContext.hasApplicationContext()) {
      ApplicationContext context = testContext.getApplicationContext();
      context.getBeanProvider(ProcessEngine.class).ifAvailable(ProcessEngines::registerProcessEngine);
    }
  }
}
