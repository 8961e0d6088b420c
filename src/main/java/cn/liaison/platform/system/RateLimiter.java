package cn.liaison.platform.system;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Per-client limits (token buckets, Bucket4j): the citizens' write endpoints, and failed logins per client address
 * ({@link LoginThrottleFilter}). Counted per node: with n nodes a client can reach at most n times the limit, which
 * still stops floods.
 */
@Component
public class RateLimiter {

  /** liaison.rate-limit.*: submissions per client per minute and per hour; evaluations per minute. */
  @ConfigurationProperties("liaison.rate-limit")
  public record Limits(@DefaultValue("5") int submissionsPerMinute, @DefaultValue("30") int submissionsPerHour,
      @DefaultValue("10") int lookupsPerMinute) {}

  /** SUBMISSION and LOOKUP: the citizens' endpoints; LOGIN_FAILURE: wrong user or password. */
  public enum Kind { SUBMISSION, LOOKUP, LOGIN_FAILURE }

  private static final int MAX_CLIENTS = 50_000;

  private final Limits limits;
  private final int loginFailuresPerMinute;
  private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
      return size() > MAX_CLIENTS;
    }
  };

  public RateLimiter(Limits limits, LiaisonSecurityProperties security) {
    this.limits = limits;
    this.loginFailuresPerMinute = Math.max(1, security.loginFailuresPerMinute());
  }

  /** Takes one token for the client; false when the client is over its limit. */
  public boolean tryAcquire(Kind kind, String client) {
    return bucket(kind, client).tryConsume(1);
  }

  /** Seconds the client must wait before it has a token of this kind again; 0 when it has one now. */
  public long secondsToWait(Kind kind, String client) {
    EstimationProbe probe = bucket(kind, client).estimateAbilityToConsume(1);
    return probe.canBeConsumed() ? 0 : Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
  }

  /**
   * Counts something that has already happened (a failed login): takes a token even when there is none, so a
   * burst of parallel attempts puts the client in debt and the long-run rate stays within the limit.
   */
  public void record(Kind kind, String client) {
    bucket(kind, client).consumeIgnoringRateLimits(1);
  }

  private Bucket bucket(Kind kind, String client) {
    synchronized (buckets) {
      return buckets.computeIfAbsent(kind + "|" + client, k -> newBucket(kind));
    }
  }

  private Bucket newBucket(Kind kind) {
    return switch (kind) {
      case SUBMISSION -> Bucket.builder()
          .addLimit(Bandwidth.builder().capacity(limits.submissionsPerMinute())
              .refillGreedy(limits.submissionsPerMinute(), Duration.ofMinutes(1)).build())
          .addLimit(Bandwidth.builder().capacity(limits.submissionsPerHour())
              .refillGreedy(limits.submissionsPerHour(), Duration.ofHours(1)).build())
          .build();
      case LOOKUP -> Bucket.builder()
          .addLimit(Bandwidth.builder().capacity(limits.lookupsPerMinute())
              .refillGreedy(limits.lookupsPerMinute(), Duration.ofMinutes(1)).build())
          .build();
      case LOGIN_FAILURE -> Bucket.builder()
          .addLimit(Bandwidth.builder().capacity(loginFailuresPerMinute)
              .refillIntervally(loginFailuresPerMinute, Duration.ofMinutes(1)).build())
          .build();
    };
  }

  /** Forgets every client (tests). */
  public void reset() {
    synchronized (buckets) {
      buckets.clear();
    }
  }
}
