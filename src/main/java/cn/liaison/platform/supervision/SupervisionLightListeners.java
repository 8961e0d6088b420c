package cn.liaison.platform.supervision;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The beans models use for the light (camunda:delegateExpression), one per change:
 * <ul>
 * <li>{@code supervisionLightStarts} — execution listener on the flow into the timed scope: a new deadline period;
 * <li>{@code turnLightYellowDelegate} — the service task 亮黄灯 after the timer at {@code lightYellowAt};
 * <li>{@code supervisionLightYellow} — execution listener on the 催办 task;
 * <li>{@code supervisionLightRed} — execution listener on the overdue / 督办 task;
 * <li>{@code supervisionLightOff} — execution listener on the flow out of the deadline (answered, rectified).
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SupervisionLightListeners {

  @Bean
  ExecutionListener supervisionLightStarts(SupervisionLights lights) {
    return lights::enter;
  }

  @Bean
  JavaDelegate turnLightYellowDelegate(SupervisionLights lights) {
    return execution -> lights.raise(execution, SupervisionLight.YELLOW);
  }

  @Bean
  ExecutionListener supervisionLightYellow(SupervisionLights lights) {
    return execution -> lights.raise(execution, SupervisionLight.YELLOW);
  }

  @Bean
  ExecutionListener supervisionLightRed(SupervisionLights lights) {
    return execution -> lights.raise(execution, SupervisionLight.RED);
  }

  @Bean
  ExecutionListener supervisionLightOff(SupervisionLights lights) {
    return lights::clear;
  }
}
