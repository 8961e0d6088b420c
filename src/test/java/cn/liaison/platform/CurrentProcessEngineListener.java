package cn.liaison.platform;

import org.camunda.bpm.admin.Admin;
import org.camunda.bpm.admin.impl.DefaultAdminRuntimeDelegate;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.impl.DefaultCockpitRuntimeDelegate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.tasklist.Tasklist;
import org.camunda.bpm.tasklist.impl.DefaultTasklistRuntimeDelegate;
import org.camunda.bpm.welcome.Welcome;
import org.camunda.bpm.welcome.impl.DefaultWelcomeRuntimeDelegate;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Camunda's REST APIs (/engine-rest and the webapps' /camunda/api/engine) find the engine by name ("default")
 * in a static registry, and the webapps keep their runtime delegates in static fields (Cockpit, Tasklist,
 * Admin, Welcome). Another platform started in the same JVM (PlatformRestartTests' own applications, the
 * PostgreSQL ITs' contexts) takes the name when it starts, and on stopping removes it and sets the webapps'
 * delegates to null, after which every webapp request of the shared context fails (500). So before each test
 * the engine of the test's own context is registered again and the webapps get their delegates back.
 */
public class CurrentProcessEngineListener extends AbstractTestExecutionListener {

  @Override
  public void beforeTestMethod(TestContext testContext) {
    if (testContext.hasApplicationContext()) {
      ApplicationContext context = testContext.getApplicationContext();
      context.getBeanProvider(ProcessEngine.class).ifAvailable(CurrentProcessEngineListener::register);
    }
  }

  static void register(ProcessEngine engine) {
    webappsDelegates();
    ProcessEngines.registerProcessEngine(engine);
  }

  private static void webappsDelegates() {
    if (Cockpit.getRuntimeDelegate() == null) {
      Cockpit.setCockpitRuntimeDelegate(new DefaultCockpitRuntimeDelegate());
    }
    if (Tasklist.getRuntimeDelegate() == null) {
      Tasklist.setTasklistRuntimeDelegate(new DefaultTasklistRuntimeDelegate());
    }
    if (Admin.getRuntimeDelegate() == null) {
      Admin.setAdminRuntimeDelegate(new DefaultAdminRuntimeDelegate());
    }
    if (Welcome.getRuntimeDelegate() == null) {
      Welcome.setRuntimeDelegate(new DefaultWelcomeRuntimeDelegate());
    }
  }
}
