package cn.liaison.platform.system;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Per-client limits on the citizens' write endpoints (token buckets, Bucket4j). Counted per node: with
 * n nodes a client can reach at most n times the limit, which still stops floods.
 */
@Component
public class RateLimiter {

  /** liaison.rate-limit.*: submissions per client per minute and per hour; evaluations per minute. */
  @ConfigurationProperties("liaison.rate-limit")
  public record Limits(@DefaultValue("5") int submissionsPerMinute, @DefaultValue("30") int submissionsPerHour,
      @DefaultValue("10") int lookupsPerMinute) {}

  public enum Kind { SUBMISSION, LOOKUP }

  private static final int MAX_CLIENTS = 50_000;

  private final Limits limits;
  private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
      return size() > MAX_CLIENTS;
    }
  };

  public RateLimiter(Limits limits) {
    this.limits = limits;
  }

  /** Takes one token for the client; false when the client is over its limit. */
  public boolean tryAcquire(Kind kind, String client) {
    Bucket bucket;
    synchronized (buckets) {
      bucket = buckets.computeIfAbsent(kind + "|" + client, k -> newBucket(kind));
    }
    return bucket.tryConsume(1);
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
    };
  }

  /** Forgets every client (tests). */
  public void reset() {
    synchronized (buckets) {
      buckets.clear();
    }
  }
}
