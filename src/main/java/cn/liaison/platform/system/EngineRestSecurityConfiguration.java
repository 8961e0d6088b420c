package cn.liaison.platform.system;

import jakarta.servlet.FilterConfig;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
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
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthenticationFilter(
      EngineRestAuthentications authentications) {
    var registration = new FilterRegistrationBean<ProcessEngineAuthenticationFilter>(
        new AuthenticationFilter(new EngineRestBasicAuthentication(authentications)));
    registration.setName("camunda-rest-auth");
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(100);
    return registration;
  }

  /** Camunda's filter with a provider instance of ours (Camunda's own init would create one by class name). */
  static final class AuthenticationFilter extends ProcessEngineAuthenticationFilter {
    AuthenticationFilter(AuthenticationProvider provider) {
      this.authenticationProvider = provider;
    }

    @Override
    public void init(FilterConfig filterConfig) {
      servletPathPrefix = filterConfig.getInitParameter(SERVLET_PATH_PREFIX);
    }
  }
}
