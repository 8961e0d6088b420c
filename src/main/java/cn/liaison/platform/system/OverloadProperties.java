package cn.liaison.platform.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * liaison.overload.*: how the platform says "busy" instead of queueing ({@link OverloadFilter}).
 *
 * @param publicMaxConcurrentCalls requests of the public endpoints (/api/opinions*, /s/**, /t/**) handled at the
 *     same time; the rest of the database pool, of Tomcat's threads and of the CPU stays free for health, Tasklist,
 *     Cockpit, /engine-rest and the staff API. 0 (the default) means twice the CPU cores, at least 4: a submission
 *     is CPU-bound, so more at once only lengthens each one (measured on 2 cores with the load suite: 12 at once
 *     gave p50 800 ms and health up to 1.6 s under a burst, 4 gave p50 290 ms and health under 0.71 s). Keep it
 *     below spring.datasource.hikari.maximum-pool-size (a warning at start says when it is not).
 * @param publicMaxWait how long a public request may wait for a free place before it is answered 503
 * @param retryAfterSeconds the Retry-After of every "busy" answer: a full bulkhead and a database pool that had no
 *     connection within spring.datasource.hikari.connection-timeout
 */
@ConfigurationProperties("liaison.overload")
public record OverloadProperties(@DefaultValue("0") int publicMaxConcurrentCalls,
    @DefaultValue("100ms") Duration publicMaxWait, @DefaultValue("5") int retryAfterSeconds) {

  /** The public limit in effect: the setting, or twice the CPU cores (at least 4) when it is 0. */
  public int publicLimit() {
    return publicMaxConcurrentCalls > 0 ? publicMaxConcurrentCalls
        : Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  }
}
