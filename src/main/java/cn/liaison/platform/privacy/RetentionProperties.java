package cn.liaison.platform.privacy;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long citizens' contact data is kept after the item ended (liaison.retention.*, environment
 * LIAISON_RETENTION_*): {@code contactDataAfter} (default P1Y), checked daily at {@code cron} (default 02:30) in
 * batches of {@code batchSize} rows, each batch its own transaction. {@code enabled=false} turns the job off.
 */
@ConfigurationProperties("liaison.retention")
public record RetentionProperties(@DefaultValue("P1Y") Period contactDataAfter, @DefaultValue("500") int batchSize,
    @DefaultValue("0 30 2 * * *") String cron, @DefaultValue("true") boolean enabled) {

  public RetentionProperties {
    if (contactDataAfter.isNegative() || contactDataAfter.isZero()) {
      throw new IllegalArgumentException("liaison.retention.contact-data-after must be positive: " + contactDataAfter);
    }
    if (batchSize < 1 || batchSize > 10_000) {
      throw new IllegalArgumentException("liaison.retention.batch-size must be 1 to 10000: " + batchSize);
    }
  }
}
