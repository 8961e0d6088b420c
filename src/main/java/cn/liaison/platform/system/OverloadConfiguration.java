package cn.liaison.platform.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * The overload bulkhead of the public endpoints and its filter ({@link OverloadFilter}), ahead of Spring Security
 * (order -100, whose Basic logins read the database) and behind the page headers (-300), so a busy page has them.
 */
@Configuration(proxyBeanMethods = false)
class OverloadConfiguration {

  static final int OVERLOAD_ORDER = -250;

  private static final Logger log = LoggerFactory.getLogger(OverloadConfiguration.class);

  /** The public endpoints' share of the platform: at most so many at once, a short wait, then 503. */
  @Bean
  Bulkhead publicBulkhead(OverloadProperties settings, ObjectProvider<DataSource> dataSource) {
    if (dataSource.getIfAvailable() instanceof HikariDataSource pool
        && settings.publicLimit() >= pool.getMaximumPoolSize()) {
      log.warn("liaison.overload.public-max-concurrent-calls ({}) is not below the database pool ({}): a burst of "
          + "citizens can take every connection from Tasklist, the staff and the health check",
          settings.publicLimit(), pool.getMaximumPoolSize());
    }
    return Bulkhead.of("public", BulkheadConfig.custom()
        .maxConcurrentCalls(settings.publicLimit())
        .maxWaitDuration(settings.publicMaxWait())
        .build());
  }

  @Bean
  FilterRegistrationBean<OverloadFilter> overloadFilter(Bulkhead publicBulkhead, ObjectMapper json,
      ObjectProvider<ThymeleafViewResolver> views, OverloadProperties settings) {
    var registration = new FilterRegistrationBean<>(
        new OverloadFilter(publicBulkhead, json, views, settings.retryAfterSeconds()));
    registration.setName("liaison-overload");
    registration.addUrlPatterns(OverloadFilter.URL_PATTERNS);
    registration.setOrder(OVERLOAD_ORDER);
    return registration;
  }
}
