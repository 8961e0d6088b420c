package cn.liaison.platform.campaign;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The subsidy batches of the county finance bureau and their payments, one per household and batch, each with its
 * own result (tables subsidy_batch, subsidy_payment). A household is in a batch again only after its payment
 * failed or was held back; it is paid at most once.
 */
@Repository
class SubsidyBatches {

  /** 草稿 → 待核对 → 已发送 / 已导出 → 部分完成 → 已完成. */
  enum BatchStatus {
    COMPOSED("草稿"), IN_REVIEW("待核对"), SENT("已发送"), EXPORTED("已导出"), PARTLY_DONE("部分完成"), DONE("已完成");

    final String label;

    BatchStatus(String label) {
      this.label = label;
    }
  }

  /** A payment's state: 待发放, 暂缓发放 (held back at review), 已发放, 发放失败 (欠发). */
  enum PaymentStatus {
    PENDING("待发放"), HELD_BACK("暂缓发放"), PAID("已发放"), FAILED("发放失败");

    final String label;

    PaymentStatus(String label) {
      this.label = label;
    }
  }

  /** What a batch is: one of the subsidy cycle, the campaign's final batch, or an arrears batch (补发批次) after it. */
  enum BatchKind {
    REGULAR("补贴批次"), FINAL("最后一批"), ARREARS("补发批次");

    final String label;

    BatchKind(String label) {
      this.label = label;
    }
  }

  /** A household's line of a new batch: its planted 亩 and its amount. */
  record Line(long householdId, BigDecimal plantedMu, BigDecimal amount) {}

  record Batch(long id, String campaignCode, BatchKind kind, BatchStatus status, String processInstanceId,
      Instant createdAt, Instant sentAt, Instant doneAt) {}

  /** A planted household staff decided not to pay (不予发放), with the amount it was owed and why. */
  record WriteOff(long householdId, String householdNo, String village, BigDecimal amount, String reason,
      String writtenOffBy, Instant writtenOffAt) {}

  /** A payment of a batch with what the finance bureau needs to pay it and the household's sign-off to resume. */
  record Payment(long batchId, long householdId, String householdNo, String village, String processInstanceId,
      BigDecimal plantedMu, BigDecimal amount, BigDecimal composedAmount, String adjustReason, PaymentStatus status,
      String holdReason, LocalDate paidOn, String voucherNo, String failReason) {}

  private static final String PAYMENT_COLUMNS = "p.batch_id, h.id, h.household_no, h.village, h.process_instance_id, "
      + "p.planted_mu, p.amount, p.composed_amount, p.adjust_reason, p.status, p.hold_reason, p.paid_on, p.voucher_no, "
      + "p.fail_reason FROM subsidy_payment p JOIN household h ON h.id = p.household_id ";

  private final JdbcClient jdbc;

  SubsidyBatches(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The households of the campaign that may not join a new batch: paid, or with a payment still open (in review
   * or awaiting its result). Failed and held-back households may.
   */
  Set<Long> householdsNotDue(String campaignCode) {
    return new HashSet<>(jdbc.sql("SELECT p.household_id FROM subsidy_payment p JOIN subsidy_batch b "
        + "ON b.id = p.batch_id WHERE b.campaign_code = ? AND p.status IN ('PENDING', 'PAID')")
        .param(campaignCode).query(Long.class).list());
  }

  /** Composes a batch of these lines (status COMPOSED) and returns its id. */
  long compose(String campaignCode, BatchKind kind, List<Line> lines, Instant composedAt) {
    BigDecimal totalMu = lines.stream().map(Line::plantedMu).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal total = lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    var key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO subsidy_batch (campaign_code, kind, status, households, total_mu, total_amount, created_at) "
        + "VALUES (?, ?, 'COMPOSED', ?, ?, ?, ?)").params(campaignCode, kind.name(), lines.size(), totalMu, total,
            Timestamp.from(composedAt)).update(key, "id");
    long batchId = key.getKey().longValue();
    for (Line l : lines) {
      jdbc.sql("INSERT INTO subsidy_payment (batch_id, household_id, planted_mu, amount, composed_amount) "
          + "VALUES (?, ?, ?, ?, ?)").params(batchId, l.householdId(), l.plantedMu(), l.amount(), l.amount()).update();
    }
    return batchId;
  }

  Optional<Batch> find(long batchId) {
    return jdbc.sql("SELECT * FROM subsidy_batch WHERE id = ?").param(batchId).query(this::batch).optional();
  }

  /** The batch a subsidy-batch process works on (bound when it opened). */
  Optional<Batch> ofProcess(String processInstanceId) {
    return jdbc.sql("SELECT * FROM subsidy_batch WHERE process_instance_id = ?").param(processInstanceId)
        .query(this::batch).optional();
  }

  List<Batch> ofCampaign(String campaignCode) {
    return jdbc.sql("SELECT * FROM subsidy_batch WHERE campaign_code = ? ORDER BY id").param(campaignCode)
        .query(this::batch).list();
  }

  /** The batch's payments, by household number. */
  List<Payment> payments(long batchId) {
    return jdbc.sql("SELECT " + PAYMENT_COLUMNS + "WHERE p.batch_id = ? ORDER BY h.household_no").param(batchId)
        .query(this::payment).list();
  }

  /** Every payment of the campaign's households, oldest batch first. */
  List<Payment> paymentsOfCampaign(String campaignCode) {
    return jdbc.sql("SELECT " + PAYMENT_COLUMNS + "WHERE h.campaign_code = ? ORDER BY p.batch_id, h.household_no")
        .param(campaignCode).query(this::payment).list();
  }

  /** Whether the campaign composed its final batch or an arrears batch (the subsidy cycle then stops composing). */
  boolean hasClosingBatch(String campaignCode) {
    return jdbc.sql("SELECT COUNT(*) FROM subsidy_batch WHERE campaign_code = ? AND kind IN ('FINAL', 'ARREARS')")
        .param(campaignCode).query(Integer.class).single() > 0;
  }

  /** The batch in which the household's payment still awaits its review or result, if any. */
  Optional<Long> openBatchOf(long householdId) {
    return jdbc.sql("SELECT batch_id FROM subsidy_payment WHERE household_id = ? AND status = 'PENDING' "
        + "ORDER BY batch_id").param(householdId).query(Long.class).list().stream().findFirst();
  }

  /** 不予发放: false when the household was written off before. */
  boolean writeOff(long householdId, BigDecimal amount, String reason, String user, Instant at) {
    return jdbc.sql("INSERT INTO subsidy_write_off (household_id, amount, reason, written_off_by, written_off_at) "
        + "SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM subsidy_write_off WHERE household_id = ?)")
        .params(householdId, amount, reason, user, Timestamp.from(at), householdId).update() == 1;
  }

  boolean isWrittenOff(long householdId) {
    return jdbc.sql("SELECT COUNT(*) FROM subsidy_write_off WHERE household_id = ?").param(householdId)
        .query(Integer.class).single() > 0;
  }

  /** The households of the campaign written off (不予发放), by household number. */
  List<WriteOff> writeOffs(String campaignCode) {
    return jdbc.sql("SELECT h.id, h.household_no, h.village, w.amount, w.reason, w.written_off_by, w.written_off_at "
        + "FROM subsidy_write_off w JOIN household h ON h.id = w.household_id WHERE h.campaign_code = ? "
        + "ORDER BY h.household_no").param(campaignCode)
        .query((rs, i) -> new WriteOff(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
            rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant())).list();
  }

  /** Whether the household was paid in any batch. */
  boolean isPaid(long householdId) {
    return jdbc.sql("SELECT COUNT(*) FROM subsidy_payment WHERE household_id = ? AND status = 'PAID'")
        .param(householdId).query(Integer.class).single() > 0;
  }

  /** The batch goes to 待核对 in its own process. */
  boolean openForReview(long batchId, String processInstanceId) {
    return jdbc.sql("UPDATE subsidy_batch SET status = 'IN_REVIEW', process_instance_id = ? WHERE id = ? "
        + "AND (status = 'COMPOSED' OR process_instance_id = ?)").params(processInstanceId, batchId, processInstanceId)
        .update() == 1;
  }

  void reviewedByStation(long batchId, String user) {
    jdbc.sql("UPDATE subsidy_batch SET reviewed_by = ? WHERE id = ?").params(user, batchId).update();
  }

  void reviewedByFinance(long batchId, String user) {
    jdbc.sql("UPDATE subsidy_batch SET finance_reviewed_by = ? WHERE id = ?").params(user, batchId).update();
  }

  /** 暂缓发放 at review (only a payment still pending). */
  boolean holdBack(long batchId, long householdId, String reason) {
    return jdbc.sql("UPDATE subsidy_payment SET status = 'HELD_BACK', hold_reason = ? WHERE batch_id = ? "
        + "AND household_id = ? AND status = 'PENDING'").params(reason, batchId, householdId).update() == 1;
  }

  /** A held-back household is paid in this batch after all. */
  boolean release(long batchId, long householdId) {
    return jdbc.sql("UPDATE subsidy_payment SET status = 'PENDING', hold_reason = NULL WHERE batch_id = ? "
        + "AND household_id = ? AND status = 'HELD_BACK'").params(batchId, householdId).update() == 1;
  }

  /** The amount changed at review, with its reason (the composed amount stays beside it). */
  boolean adjust(long batchId, long householdId, BigDecimal amount, String reason) {
    return jdbc.sql("UPDATE subsidy_payment SET amount = ?, adjust_reason = ? WHERE batch_id = ? AND household_id = ? "
        + "AND status IN ('PENDING', 'HELD_BACK')").params(amount, reason, batchId, householdId).update() == 1;
  }

  /** Totals follow the reviewed payments (held-back households count in the batch; they are not sent). */
  void recount(long batchId) {
    jdbc.sql("UPDATE subsidy_batch SET households = (SELECT COUNT(*) FROM subsidy_payment WHERE batch_id = ?), "
        + "total_mu = (SELECT COALESCE(SUM(planted_mu), 0) FROM subsidy_payment WHERE batch_id = ?), "
        + "total_amount = (SELECT COALESCE(SUM(amount), 0) FROM subsidy_payment WHERE batch_id = ?) WHERE id = ?")
        .params(batchId, batchId, batchId, batchId).update();
  }

  /** The finance bureau has the batch (its system, or the exported workbook). */
  void markSent(long batchId, BatchStatus status, Instant sentAt) {
    jdbc.sql("UPDATE subsidy_batch SET status = ?, sent_at = ? WHERE id = ? AND status = 'IN_REVIEW'")
        .params(status.name(), Timestamp.from(sentAt), batchId).update();
  }

  void markExported(long batchId, Instant at) {
    jdbc.sql("UPDATE subsidy_batch SET exported_at = COALESCE(exported_at, ?) WHERE id = ?")
        .params(Timestamp.from(at), batchId).update();
  }

  /** 已发放: only a pending payment, and only if the household was not paid in any batch (at most once). */
  boolean markPaid(long batchId, long householdId, LocalDate paidOn, String voucherNo, Instant at) {
    return jdbc.sql("UPDATE subsidy_payment SET status = 'PAID', paid_on = ?, voucher_no = ?, result_at = ? "
        + "WHERE batch_id = ? AND household_id = ? AND status = 'PENDING' AND NOT EXISTS (SELECT 1 FROM "
        + "subsidy_payment q WHERE q.household_id = ? AND q.status = 'PAID')")
        .params(java.sql.Date.valueOf(paidOn), voucherNo, Timestamp.from(at), batchId, householdId, householdId)
        .update() == 1;
  }

  /** 发放失败 (欠发), with the bank's reason. */
  boolean markFailed(long batchId, long householdId, String reason, Instant at) {
    return jdbc.sql("UPDATE subsidy_payment SET status = 'FAILED', fail_reason = ?, result_at = ? WHERE batch_id = ? "
        + "AND household_id = ? AND status = 'PENDING'").params(reason, Timestamp.from(at), batchId, householdId)
        .update() == 1;
  }

  /** The batch's state after a result: 部分完成 while payments await their result, then 已完成. */
  void settle(long batchId, boolean done, Instant at) {
    jdbc.sql("UPDATE subsidy_batch SET status = ?, done_at = ? WHERE id = ?")
        .params(done ? BatchStatus.DONE.name() : BatchStatus.PARTLY_DONE.name(), done ? Timestamp.from(at) : null,
            batchId).update();
  }

  private Batch batch(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    Timestamp sent = rs.getTimestamp("sent_at");
    Timestamp done = rs.getTimestamp("done_at");
    return new Batch(rs.getLong("id"), rs.getString("campaign_code"), BatchKind.valueOf(rs.getString("kind")),
        BatchStatus.valueOf(rs.getString("status")),
        rs.getString("process_instance_id"), rs.getTimestamp("created_at").toInstant(),
        sent == null ? null : sent.toInstant(), done == null ? null : done.toInstant());
  }

  private Payment payment(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    java.sql.Date paidOn = rs.getDate("paid_on");
    return new Payment(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getString(9),
        PaymentStatus.valueOf(rs.getString(10)), rs.getString(11), paidOn == null ? null : paidOn.toLocalDate(),
        rs.getString(13), rs.getString(14));
  }
}
