package cn.liaison.platform.system;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * /engine-rest needs HTTP Basic credentials of a Camunda user; the engine's authorizations then decide
 * what the user may see and do (no credentials: 401, not allowed: 403). The 401 carries no Basic challenge
 * ({@link EngineRestBasicAuthentication}); cross-site requests and repeated failed logins are stopped before this
 * filter ({@link BrowserSafetyConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class EngineRestSecurityConfiguration {

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthenticationFilter() {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-rest-auth");
    registration.addUrlPatterns("/engine-rest/*");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        EngineRestBasicAuthentication.class.getName());
    registration.setOrder(100);
    return registration;
  }
}
