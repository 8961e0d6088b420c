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
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return load.get();
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
    if (memo.containsKey(key)) {
      return (T) memo.get(key);
    }
    T value = load.get();
    memo.put(key, value);
    return value;
  }

  /** Forgets everything memoised in the current transaction. */
  public static void clear() {
    Object memo = TransactionSynchronizationManager.getResource(KEY);
    if (memo instanceof Map<?, ?> map) {
      map.clear();
    }
  }
}
