package cn.liaison.platform.system;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Reference data that every step of a loop reads and administrators rarely change (a department's group and channel,
 * a category's name, a station and its deputies), kept per node for a short time ({@code liaison.reference-data-ttl},
 * 10 s by default; 0 turns it off): each was one more database round trip in three or four steps of every opinion
 * loop. A change saved on this node is seen at once (the entry is dropped when the change is saved and again when it
 * commits); on other nodes of a cluster within the TTL, as with a login remembered by /engine-rest. Absent entries are
 * not kept, so a new department or category is found at once everywhere.
 */
public final class ReferenceDataCache<V> {

  private final Cache<String, V> cache;
  private final boolean enabled;

  public ReferenceDataCache(Duration ttl) {
    this.enabled = ttl != null && !ttl.isNegative() && !ttl.isZero();
    this.cache = Caffeine.newBuilder().maximumSize(2_000).expireAfterWrite(enabled ? ttl : Duration.ofSeconds(1))
        .build();
  }

  /** The entry, loaded when absent or expired; an empty answer is not kept. */
  public Optional<V> get(String key, Supplier<Optional<V>> load) {
    if (!enabled) {
      return load.get();
    }
    V cached = cache.getIfPresent(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<V> loaded = load.get();
    // what a transaction that changed this entry reads before it commits is not for the others
    if (loaded.isPresent() && TransactionMemo.peek(changedKey(key)) == null) {
      cache.put(key, loaded.get());
    }
    return loaded;
  }

  /** The entry is being changed: dropped now and once more when the change's transaction has ended. */
  public void changed(String key) {
    cache.invalidate(key);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionMemo.shared(changedKey(key), () -> Boolean.TRUE);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          cache.invalidate(key);
        }
      });
    }
  }

  private String changedKey(String key) {
    return "reference-data-changed:" + System.identityHashCode(this) + ":" + key;
  }
}
