package cn.liaison.platform.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * liaison.overload.*: how the platform says "busy" instead of queueing ({@link OverloadFilter}).
 *
 * @param publicMaxConcurrentCalls requests of the public endpoints (/api/opinions*, /s/**, /t/**) handled at the
 *     same time; the rest of the database pool and of Tomcat's threads stays free for health, Tasklist, Cockpit,
 *     /engine-rest and the staff API. Keep it below spring.datasource.hikari.maximum-pool-size (a warning at start
 *     says when it is not): pool 20 → 12.
 * @param publicMaxWait how long a public request may wait for a free place before it is answered 503
 * @param retryAfterSeconds the Retry-After of every "busy" answer: a full bulkhead and a database pool that had no
 *     connection within spring.datasource.hikari.connection-timeout
 */
@ConfigurationProperties("liaison.overload")
public record OverloadProperties(@DefaultValue("12") int publicMaxConcurrentCalls,
    @DefaultValue("100ms") Duration publicMaxWait, @DefaultValue("5") int retryAfterSeconds) {}
