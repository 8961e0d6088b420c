package cn.liaison.platform.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** A department or category read by every step is read from the database once per TTL, and a change shows at once. */
class ReferenceDataCacheTests {

  final AtomicInteger reads = new AtomicInteger();
  String stored = "水利局";

  Optional<String> read() {
    reads.incrementAndGet();
    return Optional.ofNullable(stored);
  }

  @AfterEach
  void endTransaction() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.clearSynchronization();
    }
  }

  @Test
  void theStepsOfManyLoopsReadADepartmentOnce() {
    var cache = new ReferenceDataCache<String>(Duration.ofSeconds(10));
    for (int i = 0; i < 5; i++) {
      assertThat(cache.get("dept-water", this::read)).contains("水利局");
    }
    assertThat(reads).hasValue(1);
  }

  @Test
  void aChangeSavedOnThisNodeIsSeenAtOnce() {
    var cache = new ReferenceDataCache<String>(Duration.ofSeconds(10));
    cache.get("dept-water", this::read);
    stored = "水利局（已停用）";
    cache.changed("dept-water");
    assertThat(cache.get("dept-water", this::read)).contains("水利局（已停用）");
  }

  @Test
  void whatTheChangingTransactionReadsIsNotKeptAndTheEntryIsDroppedWhenItEnds() {
    var cache = new ReferenceDataCache<String>(Duration.ofSeconds(10));
    TransactionSynchronizationManager.initSynchronization();
    stored = "水利局（未提交）";
    cache.changed("dept-water");
    assertThat(cache.get("dept-water", this::read)).contains("水利局（未提交）");
    // rolled back: the others read the table again, never the value that was not committed
    stored = "水利局";
    for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
      s.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK);
    }
    TransactionSynchronizationManager.clearSynchronization();
    assertThat(cache.get("dept-water", this::read)).contains("水利局");
  }

  @Test
  void anUnknownCodeIsNotRememberedSoANewDepartmentIsFoundAtOnce() {
    var cache = new ReferenceDataCache<String>(Duration.ofSeconds(10));
    stored = null;
    assertThat(cache.get("dept-new", this::read)).isEmpty();
    stored = "新设部门";
    assertThat(cache.get("dept-new", this::read)).contains("新设部门");
  }

  @Test
  void aZeroTtlReadsEveryTime() {
    var cache = new ReferenceDataCache<String>(Duration.ZERO);
    cache.get("dept-water", this::read);
    cache.get("dept-water", this::read);
    assertThat(reads).hasValue(2);
  }
}
