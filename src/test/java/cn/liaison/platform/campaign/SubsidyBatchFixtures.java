package cn.liaison.platform.campaign;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContext;

/**
 * Subsidy batches for the tests of the pages and imports that show them, made by the batch repository and service
 * themselves (as the campaign's subsidy period composes them), without running the campaign's process first.
 */
public final class SubsidyBatchFixtures {

  private final SubsidyBatches batches;
  private final SubsidyPayments payments;
  private final Households households;

  public SubsidyBatchFixtures(ApplicationContext context) {
    this.batches = context.getBean(SubsidyBatches.class);
    this.payments = context.getBean(SubsidyPayments.class);
    this.households = context.getBean(Households.class);
  }

  /** A batch of these households (亩 each, 300 元 per 亩) waiting for review (待核对); returns its id. */
  public long inReview(String campaignCode, Map<String, BigDecimal> plantedMu) {
    List<SubsidyBatches.Line> lines = plantedMu.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> new SubsidyBatches.Line(households.find(campaignCode, e.getKey()).orElseThrow().id(), e.getValue(),
            e.getValue().multiply(new BigDecimal("300")).setScale(2))).toList();
    long id = batches.compose(campaignCode, SubsidyBatches.BatchKind.REGULAR, lines, Instant.now());
    payments.open(id, "fixture-" + campaignCode + "-" + id);
    return id;
  }

  /** The batch was reviewed and handed to a finance bureau working in Tasklist (已导出 once downloaded). */
  public void sent(long batchId) {
    batches.recount(batchId);
    batches.markSent(batchId, SubsidyBatches.BatchStatus.EXPORTED, Instant.now());
  }
}
