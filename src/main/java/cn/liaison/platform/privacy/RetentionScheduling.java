package cn.liaison.platform.privacy;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Spring's scheduler, for the daily retention job; off with liaison.retention.enabled=false. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "liaison.retention.enabled", havingValue = "true", matchIfMissing = true)
class RetentionScheduling {}
