package cn.liaison.platform.system;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * liaison.security.*: failed logins allowed per client address and minute (then 429, {@link LoginThrottleFilter});
 * origins besides the platform's own that may send state-changing requests with credentials
 * ({@link CrossSiteRequestGuard}; {@code file://} is the Camunda Modeler desktop app); how long a passed HTTP Basic
 * login on /engine-rest is remembered ({@link EngineRestAuthentications}; 0 = never).
 */
@ConfigurationProperties("liaison.security")
public record LiaisonSecurityProperties(@DefaultValue("5") int loginFailuresPerMinute,
    @DefaultValue("file://") List<String> trustedOrigins,
    @DefaultValue("60s") Duration engineRestAuthenticationTtl) {}
