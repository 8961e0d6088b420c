package cn.liaison.platform.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The web's cross-cutting guards in one place, as servlet filters ahead of Spring Security (order -100) and of
 * /engine-rest's authentication (100), so they cover /api, /engine-rest and the webapps' login alike:
 * <ol>
 *   <li>{@link CrossSiteRequestGuard}: no state-changing request with credentials from a foreign page;</li>
 *   <li>{@link LoginThrottleFilter}: failed logins per client address;</li>
 *   <li>{@link PageHeadersFilter}: protective headers of the citizens', station and staff pages.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
class BrowserSafetyConfiguration {

  static final int CROSS_SITE_ORDER = -300;
  static final int LOGIN_THROTTLE_ORDER = -290;

  @Bean
  FilterRegistrationBean<CrossSiteRequestGuard> crossSiteRequestGuard(ObjectMapper json,
      LiaisonSecurityProperties security, @Value("${liaison.public-base-url:}") String publicBaseUrl) {
    var registration = new FilterRegistrationBean<>(
        new CrossSiteRequestGuard(json, security.trustedOrigins(), publicBaseUrl));
    registration.setName("liaison-cross-site-request-guard");
    registration.addUrlPatterns("/api/*", "/engine-rest/*", "/field/*", "/m/*", "/bulletins/*");
    registration.setOrder(CROSS_SITE_ORDER);
    return registration;
  }

  @Bean
  FilterRegistrationBean<LoginThrottleFilter> loginThrottleFilter(RateLimiter limiter, ObjectMapper json,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    var registration = new FilterRegistrationBean<>(new LoginThrottleFilter(limiter, json, webappPath));
    registration.setName("liaison-login-throttle");
    registration.addUrlPatterns("/api/*", "/engine-rest/*", webappPath + "/api/admin/auth/user/*", "/m/login");
    registration.setOrder(LOGIN_THROTTLE_ORDER);
    return registration;
  }

  @Bean
  FilterRegistrationBean<PageHeadersFilter> pageHeadersFilter() {
    var registration = new FilterRegistrationBean<>(new PageHeadersFilter());
    registration.setName("liaison-page-headers");
    registration.addUrlPatterns(PageHeadersFilter.URL_PATTERNS);
    registration.setOrder(CROSS_SITE_ORDER);
    return registration;
  }
}
