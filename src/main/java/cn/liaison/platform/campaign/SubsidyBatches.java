package cn.liaison.platform.campaign;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The subsidy batches sent to the county finance bureau and their lines (tables subsidy_batch, subsidy_line). */
@Repository
class SubsidyBatches {

  /** A household's line of a batch: its planted 亩 and its amount. */
  record Line(long householdId, BigDecimal plantedMu, BigDecimal amount) {}

  record Batch(long id, String campaignCode, BigDecimal totalAmount, boolean sent) {}

  /** A line of a batch with what the finance bureau needs to pay it and the household's sign-off to resume. */
  record Payment(long householdId, String householdNo, String village, String processInstanceId,
      BigDecimal plantedMu, BigDecimal amount) {}

  private final JdbcClient jdbc;

  SubsidyBatches(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The households of the campaign that are in a batch already (a household is in one batch at most). */
  Set<Long> householdsInABatch(String campaignCode) {
    return new HashSet<>(jdbc.sql("SELECT l.household_id FROM subsidy_line l JOIN subsidy_batch b "
        + "ON b.id = l.batch_id WHERE b.campaign_code = ?").param(campaignCode).query(Long.class).list());
  }

  /** Composes a batch of these lines (status COMPOSED) and returns its id. */
  long compose(String campaignCode, List<Line> lines, Instant composedAt) {
    BigDecimal totalMu = lines.stream().map(Line::plantedMu).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal total = lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    var key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO subsidy_batch (campaign_code, status, households, total_mu, total_amount, created_at) "
        + "VALUES (?, 'COMPOSED', ?, ?, ?, ?)").params(campaignCode, lines.size(), totalMu, total,
            Timestamp.from(composedAt)).update(key, "id");
    long batchId = key.getKey().longValue();
    for (Line l : lines) {
      jdbc.sql("INSERT INTO subsidy_line (batch_id, household_id, planted_mu, amount) VALUES (?, ?, ?, ?)")
          .params(batchId, l.householdId(), l.plantedMu(), l.amount()).update();
    }
    return batchId;
  }

  Batch find(long batchId) {
    return jdbc.sql("SELECT id, campaign_code, total_amount, status FROM subsidy_batch WHERE id = ?").param(batchId)
        .query((rs, i) -> new Batch(rs.getLong("id"), rs.getString("campaign_code"), rs.getBigDecimal("total_amount"),
            "SENT".equals(rs.getString("status")))).single();
  }

  /** The batch's lines, by household number. */
  List<Payment> payments(long batchId) {
    return jdbc.sql("SELECT h.id, h.household_no, h.village, h.process_instance_id, l.planted_mu, l.amount "
        + "FROM subsidy_line l JOIN household h ON h.id = l.household_id WHERE l.batch_id = ? ORDER BY h.household_no")
        .param(batchId).query((rs, i) -> new Payment(rs.getLong("id"), rs.getString("household_no"),
            rs.getString("village"), rs.getString("process_instance_id"), rs.getBigDecimal("planted_mu"),
            rs.getBigDecimal("amount"))).list();
  }

  /** The finance bureau has the batch. */
  void markSent(long batchId, Instant sentAt) {
    jdbc.sql("UPDATE subsidy_batch SET status = 'SENT', sent_at = ? WHERE id = ?")
        .params(Timestamp.from(sentAt), batchId).update();
  }
}
