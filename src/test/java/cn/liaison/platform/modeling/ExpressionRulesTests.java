package cn.liaison.platform.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;

/** What an analyst may write in a BPMN expression: reading and comparing variables, nothing that runs code. */
class ExpressionRulesTests {

  /** Stands for one of the platform's delegates (declared in a package under cn.liaison.platform). */
  static class NotifyCitizenDelegate implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {}
  }

  static final ExpressionRules rules;

  static {
    var beans = new DefaultListableBeanFactory();
    beans.registerSingleton("identityService", new Object());
    beans.registerSingleton("departmentCalls", new Object());
    // a delegate from outside the platform's packages (a JDK proxy, as a library's bean would be)
    beans.registerSingleton("someoneElsesDelegate", java.lang.reflect.Proxy.newProxyInstance(
        JavaDelegate.class.getClassLoader(), new Class<?>[] {JavaDelegate.class}, (proxy, method, args) -> null));
    beans.registerBeanDefinition("notifyCitizenDelegate", new RootBeanDefinition(NotifyCitizenDelegate.class));
    rules = new ExpressionRules(new PlatformNames(beans));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "${route == 'ASSIGN_DEPARTMENT'}",
      "${rating == 'DISSATISFIED' && reopenCount < 2}",
      "${rating eq 'DISSATISFIED' and not (reopenCount ge 2)}",
      "${subsidyBatchId != null}",
      "${householdsRemaining > 0}",
      "${triage.departmentCode}",
      "${triage['grade']}",
      "${plots[0]}",
      "${empty reviewNote ? 'none' : reviewNote}",
      "${deadlineDays * 2 + 1}",
      "R3/${retryPeriod}",
      "${now()}",
      "${currentUser()}",
      "${authenticatedUserId}",
      "P7D"})
  void readingAndComparingVariablesIsAllowed(String expression) {
    assertThat(rules.check(expression)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "${identityService.createMembership('analyst1','camunda-admin')}",
      "${identityService}",
      "${departmentCalls.retryCycle}",
      "${execution.getVariable('x')}",
      "${execution.processEngineServices}",
      "${task.delegationState}",
      "${triage.get('grade')}",
      "${departmentCode.concat('x')}",
      "${dateTime().plusDays(1)}",
      "${S(json).prop('a')}",
      "${JSON('{}')}",
      "${x.class}",
      "${x['class'].classLoader}",
      "${map[key]}",
      "#{identityService}",
      "R3/${departmentCalls.retryCycle}",
      "${unclosed"})
  void anythingThatRunsCodeOrReachesTheEngineIsRefused(String expression) {
    assertThat(rules.check(expression)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"${notifyCitizenDelegate}"})
  void platformDelegateIsAllowedAsDelegateExpression(String expression) {
    assertThat(rules.checkDelegate(expression)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"${identityService}", "${someoneElsesDelegate}", "${notifyCitizenDelegate.execute(null)}",
      "${ notifyCitizenDelegate }", "notifyCitizenDelegate", "${unknownDelegate}"})
  void anythingElseIsRefusedAsDelegateExpression(String expression) {
    assertThat(rules.checkDelegate(expression)).hasValueSatisfying(reason -> assertThat(reason)
        .contains("不是平台的委托 bean", "notifyCitizenDelegate"));
  }
}
