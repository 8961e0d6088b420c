package cn.liaison.platform.system;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Look-ups that cannot change within one transaction, answered once per transaction: a task completion runs the
 * same record checks in several listeners and delegates, each of which used to read the row again. Outside a
 * transaction every call loads. A writer that changes what was memoised calls {@link #clear()}.
 */
public final class TransactionMemo {

  private static final Object KEY = TransactionMemo.class;

  private TransactionMemo() {}

  @SuppressWarnings("unchecked")
  public static <T> T get(String key, Supplier<T> load) {
    Map<String, Object> memo = memo();
    if (memo == null) {
      return load.get();
    }
    if (memo.containsKey(key)) {
      return (T) memo.get(key);
    }
    T value = load.get();
    memo.put(key, value);
    return value;
  }

  /**
   * The value kept under {@code key} in the current transaction, created by {@code create} the first time; null
   * outside a transaction. For what one step of a transaction hands to a later one (e.g. a batch of starts to
   * the listeners of the instances it starts).
   */
  @SuppressWarnings("unchecked")
  public static <T> T shared(String key, Supplier<T> create) {
    Map<String, Object> memo = memo();
    return memo == null ? null : (T) memo.computeIfAbsent(key, k -> create.get());
  }

  /** The value kept under {@code key} in the current transaction, or null. */
  @SuppressWarnings("unchecked")
  public static <T> T peek(String key) {
    Object memo = TransactionSynchronizationManager.getResource(KEY);
    return memo instanceof Map<?, ?> map ? (T) map.get(key) : null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> memo() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    Map<String, Object> memo = (Map<String, Object>) TransactionSynchronizationManager.getResource(KEY);
    if (memo == null) {
      Map<String, Object> created = new HashMap<>();
      TransactionSynchronizationManager.bindResource(KEY, created);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
        }
      });
      memo = created;
    }
    return memo;
  }

  /** Forgets everything memoised in the current transaction. */
  public static void clear() {
    Object memo = TransactionSynchronizationManager.getResource(KEY);
    if (memo instanceof Map<?, ?> map) {
      map.clear();
    }
  }
}
