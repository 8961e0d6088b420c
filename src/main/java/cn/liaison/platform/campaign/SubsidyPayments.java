package cn.liaison.platform.campaign;

import cn.liaison.platform.audit.AuditAction;
import cn.liaison.platform.audit.AuditSubject;
import cn.liaison.platform.audit.AuditTrail;
import cn.liaison.platform.campaign.SubsidyBatches.BatchStatus;
import cn.liaison.platform.campaign.SubsidyBatches.Payment;
import cn.liaison.platform.campaign.SubsidyBatches.PaymentStatus;
import cn.liaison.platform.department.Department;
import cn.liaison.platform.department.DepartmentRequest;
import cn.liaison.platform.department.DepartmentService;
import cn.liaison.platform.system.ConflictException;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.NotFoundException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Subsidies as the finance bureau pays them: a composed batch is checked by the town's staff and by the finance
 * bureau (households held back or amounts adjusted, each with a reason, audited), sent, and each household's
 * payment gets its own result (PAID with date and voucher, or FAILED with the bank's reason), reported by the
 * bureau's system or imported from the bank's workbook. Results are idempotent; a household is paid at most once;
 * only its own PAID lets its sign-off go on to 销号, a FAILED one goes to its deputy and joins the next batch.
 */
@Service
public class SubsidyPayments {

  static final String FINANCE = "dept-finance";
  static final String DISBURSE_SUBSIDY = "DISBURSE_SUBSIDY";
  /** The reference the finance bureau reports under: BATCH-&lt;id&gt;. */
  static final String BATCH_PREFIX = "BATCH-";
  static final int MAX_REASON = 200;
  /** The ledger's 发放状态 of a household written off. */
  static final String WRITTEN_OFF = "不予发放";
  private static final Pattern VOUCHER = Pattern.compile("[\\p{Alnum}\\-_/.]{1,64}");
  private static final BigDecimal MAX_AMOUNT = new BigDecimal("100000");
  /** What a review task's summary lists at most (a String variable holds 4000 characters). */
  private static final int SUMMARY_LINES = 40;
  private static final int SUMMARY_CHARS = 3400;

  /** One household's result as reported (by API or workbook); status PAID or FAILED. */
  public record PaymentResult(String householdNo, String status, LocalDate paidOn, String voucherNo, String reason,
      int row) {}

  /** The workbook's column of a result's field, for errors by row and column. */
  private static final Map<String, String> COLUMNS = Map.of("householdNo", "户编号", "status", "发放结果",
      "paidOn", "发放日期", "voucherNo", "凭证号", "reason", "失败原因");

  /** What a report changed: results taken now, and results that were there already (unchanged). */
  public record ReportOutcome(int taken, int unchanged, BatchView batch) {}

  /** A batch as staff and finance see it; amounts to the cent; total = paid + failed + heldBack + pending. */
  public record BatchView(long id, String campaignCode, String status, String statusLabel, int households,
      BigDecimal totalMu, BigDecimal total, BigDecimal paid, BigDecimal failed, BigDecimal heldBack,
      BigDecimal pending, Instant createdAt, Instant sentAt, Instant doneAt, List<LineView> lines, String kind,
      String kindLabel) {}

  public record LineView(String householdNo, String village, BigDecimal plantedMu, BigDecimal amount,
      BigDecimal composedAmount, String adjustReason, String status, String statusLabel, String holdReason,
      LocalDate paidOn, String voucherNo, String failReason) {}

  /** A household's subsidy as the ledger shows it (补贴金额, 发放状态, 发放时间, 凭证号, reason of a failure). */
  public record HouseholdPayment(BigDecimal amount, String statusLabel, LocalDate paidOn, String voucherNo,
      String failReason) {
    /** 不予发放: nothing is owed any more (see {@link #payments}). */
    public boolean writtenOff() {
      return statusLabel != null && statusLabel.startsWith(WRITTEN_OFF);
    }
  }

  private final SubsidyBatches batches;
  private final PaymentAccounts accounts;
  private final Households households;
  private final Campaigns campaigns;
  private final DepartmentService departments;
  private final RuntimeService runtime;
  private final AuditTrail audit;
  private final cn.liaison.platform.notification.Notifier notifier;
  private final Clock clock;
  private final ZoneId zone;

  SubsidyPayments(SubsidyBatches batches, PaymentAccounts accounts, Households households, Campaigns campaigns,
      DepartmentService departments, RuntimeService runtime, AuditTrail audit, Clock clock,
      cn.liaison.platform.calendar.WorkingDayCalendar calendar, cn.liaison.platform.notification.Notifier notifier) {
    this.notifier = notifier;
    this.batches = batches;
    this.accounts = accounts;
    this.households = households;
    this.campaigns = campaigns;
    this.departments = departments;
    this.runtime = runtime;
    this.audit = audit;
    this.clock = clock;
    this.zone = calendar.zone();
  }

  // ---- the batch's process ----

  /** The subsidy-batch process takes the batch composed by the campaign: 待核对. */
  public void open(long batchId, String processInstanceId) {
    if (!batches.openForReview(batchId, processInstanceId)) {
      throw new IllegalStateException("subsidy batch " + batchId + " is taken by another process");
    }
  }

  /** What the review tasks show: households, 亩, amounts, held back and adjusted ones (no personal data). */
  public Map<String, Object> reviewTaskVariables(String processInstanceId) {
    SubsidyBatches.Batch b = batchOfProcess(processInstanceId);
    BatchView v = view(b);
    StringBuilder s = new StringBuilder();
    s.append(b.kind().label).append(' ').append(BATCH_PREFIX).append(b.id()).append("：共 ").append(v.households()).append(" 户，")
        .append(plain(v.totalMu())).append(" 亩，").append(money(v.total())).append(" 元；其中暂缓发放 ")
        .append(money(v.heldBack())).append(" 元，本批应发 ").append(money(v.pending())).append(" 元。\n");
    // the households held back or adjusted first, then the others, as many as a task variable holds (4000)
    List<LineView> shown = new ArrayList<>(v.lines().stream()
        .filter(l -> l.adjustReason() != null || PaymentStatus.HELD_BACK.name().equals(l.status())).toList());
    v.lines().stream().filter(l -> !shown.contains(l)).forEach(shown::add);
    int listed = 0;
    for (LineView l : shown) {
      StringBuilder line = new StringBuilder("- ").append(l.village()).append(' ').append(l.householdNo()).append('：')
          .append(plain(l.plantedMu())).append(" 亩，").append(money(l.amount())).append(" 元");
      if (l.adjustReason() != null) {
        line.append("（由 ").append(money(l.composedAmount())).append(" 元调整：").append(l.adjustReason()).append('）');
      }
      if (PaymentStatus.HELD_BACK.name().equals(l.status())) {
        line.append("，暂缓发放：").append(l.holdReason());
      }
      if (listed >= SUMMARY_LINES || s.length() + line.length() > SUMMARY_CHARS) {
        s.append("……另有 ").append(shown.size() - listed).append(" 户，见完整名单。\n");
        break;
      }
      s.append(line).append('\n');
      listed++;
    }
    s.append("逐户名单与暂缓、调整：/staff/campaigns/").append(b.campaignCode()).append("/subsidy-batches/").append(b.id());
    return Map.of(CampaignProcess.Var.BATCH_SUMMARY, s.toString());
  }

  /** A review task was completed by this user. */
  public void reviewed(String processInstanceId, boolean byFinance, String user) {
    SubsidyBatches.Batch b = batchOfProcess(processInstanceId);
    if (byFinance) {
      batches.reviewedByFinance(b.id(), user);
    } else {
      batches.reviewedByStation(b.id(), user);
    }
  }

  /**
   * Sends the reviewed batch to the finance bureau (idempotent by batch: a retried job repeats the same key):
   * its system (已发送) or its inbox, from which the bureau downloads the 一卡通 workbook (已导出). Returns true when
   * nothing of the batch awaits a result (every household held back).
   */
  public boolean deliver(String processInstanceId) {
    SubsidyBatches.Batch b = batchOfProcess(processInstanceId);
    batches.recount(b.id());
    List<Payment> payable = batches.payments(b.id()).stream().filter(p -> p.status() == PaymentStatus.PENDING).toList();
    if (payable.isEmpty()) {
      batches.markSent(b.id(), BatchStatus.SENT, clock.instant());
      batches.settle(b.id(), true, clock.instant());
      return true;
    }
    List<Map<String, Object>> lines = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO;
    for (Payment p : payable) {
      // what the bureau's system needs to pay: the household's number, 亩 and amount; the 一卡通 account is the
      // bureau's own record (or the workbook's), never sent in a request the platform logs
      lines.add(Map.of("householdNo", p.householdNo(), "village", p.village(), "plantedMu", p.plantedMu(),
          "amount", p.amount()));
      total = total.add(p.amount());
    }
    Map<String, Object> payload = new HashMap<>();
    payload.put("campaignCode", b.campaignCode());
    payload.put("batchId", b.id());
    payload.put("batchNo", BATCH_PREFIX + b.id());
    // REGULAR, FINAL or ARREARS (补发批次: households whose earlier payment failed, their account since corrected)
    payload.put("kind", b.kind().name());
    payload.put("households", lines.size());
    payload.put("totalAmount", total);
    payload.put("payments", lines);
    Department.Channel channel = departments.send(new DepartmentRequest(FINANCE, DISBURSE_SUBSIDY,
        "subsidy-batch:" + b.id(), BATCH_PREFIX + b.id(), null, payload));
    batches.markSent(b.id(), channel == Department.Channel.HTTP ? BatchStatus.SENT : BatchStatus.EXPORTED,
        clock.instant());
    return false;
  }

  // ---- review: hold back, release, adjust (town staff and finance while the batch is 待核对) ----

  @Transactional
  public BatchView holdBack(String campaignCode, long batchId, String householdNo, String reason) {
    return holdBack(campaignCode, batchId, householdNo, reason, null);
  }

  /** As {@link #holdBack(String, long, String, String)} by this user (staff pages); null = the API's user. */
  @Transactional
  public BatchView holdBack(String campaignCode, long batchId, String householdNo, String reason, String actor) {
    String why = reason(reason, "reason", "请填写暂缓发放的原因");
    Payment p = reviewedPayment(campaignCode, batchId, householdNo);
    if (!batches.holdBack(batchId, p.householdId(), why)) {
      throw new ConflictException("该户本批已暂缓发放");
    }
    audit.recordBy(actor, AuditAction.SUBSIDY_HELD_BACK, AuditSubject.household(campaignCode, householdNo), null,
        "补贴批次 " + BATCH_PREFIX + batchId + " 暂缓发放 " + money(p.amount()) + " 元", why);
    return view(campaignCode, batchId);
  }

  @Transactional
  public BatchView release(String campaignCode, long batchId, String householdNo) {
    return release(campaignCode, batchId, householdNo, null);
  }

  @Transactional
  public BatchView release(String campaignCode, long batchId, String householdNo, String actor) {
    Payment p = reviewedPayment(campaignCode, batchId, householdNo);
    if (batches.isWrittenOff(p.householdId())) {
      // held back, then written off (不予发放): it stays out of every batch
      throw new ConflictException("该户已登记不予发放，不能恢复发放");
    }
    if (!batches.release(batchId, p.householdId())) {
      throw new ConflictException("该户本批未被暂缓发放");
    }
    audit.recordBy(actor, AuditAction.SUBSIDY_RELEASED, AuditSubject.household(campaignCode, householdNo), null,
        "补贴批次 " + BATCH_PREFIX + batchId + " 恢复发放 " + money(p.amount()) + " 元", null);
    return view(campaignCode, batchId);
  }

  @Transactional
  public BatchView adjust(String campaignCode, long batchId, String householdNo, String amountText, String reason) {
    return adjust(campaignCode, batchId, householdNo, amountText, reason, null);
  }

  @Transactional
  public BatchView adjust(String campaignCode, long batchId, String householdNo, String amountText, String reason,
      String actor) {
    Map<String, String> errors = new LinkedHashMap<>();
    BigDecimal amount = null;
    try {
      amount = new BigDecimal(String.valueOf(amountText).strip());
      if (amount.signum() <= 0 || amount.compareTo(MAX_AMOUNT) > 0 || amount.stripTrailingZeros().scale() > 2) {
        errors.put("amount", "补贴金额应大于 0、不超过 100000 元，最多两位小数");
      }
    } catch (NumberFormatException e) {
      errors.put("amount", "补贴金额应为数字（元），例如 1050.00");
    }
    String why = reason == null || reason.isBlank() ? null : reason.strip();
    if (why == null || why.length() > MAX_REASON) {
      errors.put("reason", "请填写调整金额的原因（不超过 " + MAX_REASON + " 个字）");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Payment p = reviewedPayment(campaignCode, batchId, householdNo);
    BigDecimal cents = amount.setScale(2, RoundingMode.UNNECESSARY);
    batches.adjust(batchId, p.householdId(), cents, why);
    batches.recount(batchId);
    audit.recordBy(actor, AuditAction.SUBSIDY_AMOUNT_ADJUSTED, AuditSubject.household(campaignCode, householdNo), null,
        "补贴批次 " + BATCH_PREFIX + batchId + " 金额 " + money(p.amount()) + " 元 → " + money(cents) + " 元", why);
    return view(campaignCode, batchId);
  }

  // ---- results ----

  /** The finance bureau's system reports results for batch BATCH-&lt;id&gt; (a signed PAYMENT_RESULT reply). */
  public ReportOutcome reportFromFinanceSystem(String reference, List<PaymentResult> results) {
    long batchId;
    try {
      batchId = Long.parseLong(reference.substring(BATCH_PREFIX.length()));
    } catch (RuntimeException e) {
      throw new InvalidInputException("ticketNo", "无法识别的补贴批次编号：" + reference);
    }
    SubsidyBatches.Batch b = batches.find(batchId)
        .orElseThrow(() -> new ConflictException("补贴批次 " + reference + " 不在贵单位发放中"));
    return record(b, results, (row, field) -> "lines[" + row + "]." + field, "财政局系统回报", null);
  }

  /** Staff or finance import the bank's result workbook: all or nothing. */
  @Transactional
  public ReportOutcome importResults(String campaignCode, long batchId, byte[] workbook) {
    return importResults(campaignCode, batchId, workbook, null);
  }

  /** As {@link #importResults(String, long, byte[])} by this user (staff pages); null = the API's user. */
  @Transactional
  public ReportOutcome importResults(String campaignCode, long batchId, byte[] workbook, String actor) {
    SubsidyBatches.Batch b = batchOfCampaign(campaignCode, batchId);
    List<PaymentResult> results = SubsidyWorkbook.readResults(workbook, zone);
    if (results.isEmpty()) {
      throw new InvalidInputException("file", "发放结果表中没有填写“发放结果”的行");
    }
    return record(b, results, (row, field) -> "第" + row + "行·" + COLUMNS.get(field), "导入银行发放结果表", actor);
  }

  /**
   * Checks every result first (nothing is changed if one is wrong), then takes those not taken before. field names
   * a result's field in the errors (lines[0].status for the API, 第2行·发放结果 for the workbook).
   */
  private ReportOutcome record(SubsidyBatches.Batch b, List<PaymentResult> results,
      java.util.function.BiFunction<Integer, String, String> field, String source, String actor) {
    if (b.status() == BatchStatus.COMPOSED || b.status() == BatchStatus.IN_REVIEW) {
      throw new ConflictException("补贴批次 " + BATCH_PREFIX + b.id() + " 尚未核对发出，不能登记发放结果");
    }
    Map<String, Payment> byNo = batches.payments(b.id()).stream()
        .collect(Collectors.toMap(Payment::householdNo, Function.identity()));
    Map<String, String> errors = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    List<PaymentResult> toTake = new ArrayList<>();
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    for (PaymentResult r : results) {
      Function<String, String> at = name -> field.apply(r.row(), name);
      Payment p = r.householdNo() == null ? null : byNo.get(r.householdNo());
      if (p == null) {
        errors.put(at.apply("householdNo"), r.householdNo() == null ? "缺少户编号" : "户编号 " + r.householdNo() + " 不在本批次中");
        continue;
      }
      if (!seen.add(r.householdNo())) {
        errors.put(at.apply("householdNo"), "户编号 " + r.householdNo() + " 在本次回报中重复");
        continue;
      }
      boolean paid = "PAID".equals(r.status());
      if (!paid && !"FAILED".equals(r.status())) {
        errors.put(at.apply("status"), "发放结果应为 PAID（已发放）或 FAILED（发放失败）");
        continue;
      }
      if (paid) {
        if (r.paidOn() == null) {
          errors.put(at.apply("paidOn"), "已发放须填写发放日期（年-月-日）");
        } else if (r.paidOn().isAfter(today)) {
          errors.put(at.apply("paidOn"), "发放日期不能晚于今天");
        }
        if (r.voucherNo() == null || !VOUCHER.matcher(r.voucherNo()).matches()) {
          errors.put(at.apply("voucherNo"), "已发放须填写凭证号（字母、数字或 -_/.，不超过 64 位）");
        }
      } else if (r.reason() == null || r.reason().isBlank() || r.reason().length() > MAX_REASON) {
        errors.put(at.apply("reason"), "发放失败须说明原因（不超过 " + MAX_REASON + " 个字），例如 账户冻结、户名不符、卡已注销");
      }
      switch (p.status()) {
        case HELD_BACK -> errors.put(at.apply("status"), "户编号 " + p.householdNo() + " 本批暂缓发放，不在发放名单中");
        case PAID -> {
          if (!paid || !p.voucherNo().equals(r.voucherNo())) {
            errors.put(at.apply("status"), "户编号 " + p.householdNo() + " 已于 " + p.paidOn() + " 发放（凭证号 " + p.voucherNo()
                + "），不能改报");
          }
        }
        case FAILED -> {
          if (paid) {
            errors.put(at.apply("status"), "户编号 " + p.householdNo() + " 本批已登记为发放失败（" + p.failReason()
                + "），补发请在后续批次回报");
          }
        }
        case PENDING -> toTake.add(r);
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Instant now = clock.instant();
    int taken = 0;
    int paidCount = 0;
    int failedCount = 0;
    for (PaymentResult r : toTake) {
      Payment p = byNo.get(r.householdNo());
      if ("PAID".equals(r.status())) {
        // at most once: a household paid in another batch is not paid again, whatever is reported
        if (batches.markPaid(b.id(), p.householdId(), r.paidOn(), r.voucherNo(), now)) {
          households.markSubsidised(p.householdId(), p.amount(), now);
          correlate(CampaignProcess.Message.SUBSIDY_PAID, p.processInstanceId());
          taken++;
          paidCount++;
        }
      } else if (batches.markFailed(b.id(), p.householdId(), r.reason().strip(), now)) {
        correlate(CampaignProcess.Message.SUBSIDY_FAILED, p.processInstanceId());
        taken++;
        failedCount++;
      }
    }
    if (taken > 0) {
      boolean done = batches.payments(b.id()).stream().noneMatch(p -> p.status() == PaymentStatus.PENDING);
      batches.settle(b.id(), done, now);
      if (done && b.processInstanceId() != null) {
        correlate(CampaignProcess.Message.BATCH_SETTLED, b.processInstanceId());
      }
      audit.recordBy(actor, AuditAction.SUBSIDY_RESULTS_RECORDED, AuditSubject.campaign(b.campaignCode()), null,
          source + "：补贴批次 " + BATCH_PREFIX + b.id() + " 已发放 " + paidCount + " 户，发放失败 " + failedCount + " 户",
          null);
    }
    return new ReportOutcome(taken, results.size() - taken, view(b.id()));
  }

  private void correlate(String message, String processInstanceId) {
    if (processInstanceId != null) {
      runtime.createMessageCorrelation(message).processInstanceId(processInstanceId).correlateAll();
    }
  }

  // ---- arrears: correction of the account, the deputy's confirmation ----

  /** Staff record or correct the household's 一卡通 account (e.g. the account holder); audited without the data. */
  @Transactional
  public void correctAccount(String campaignCode, String householdNo, String holder, String accountNo, String bank,
      String reason, String user) {
    Map<String, String> errors = new LinkedHashMap<>();
    String h = holder == null ? "" : holder.strip();
    String no = accountNo == null ? "" : accountNo.replace(" ", "").strip();
    String bk = bank == null || bank.isBlank() ? null : bank.strip();
    if (h.isEmpty() || h.length() > 50) {
      errors.put("accountHolder", "请填写持卡人姓名（不超过 50 个字）");
    }
    if (!no.matches("\\d{10,32}")) {
      errors.put("accountNo", "一卡通（社会保障卡）账号应为 10 至 32 位数字");
    }
    if (bk != null && bk.length() > 50) {
      errors.put("bank", "开户银行不超过 50 个字");
    }
    String why = reason == null || reason.isBlank() ? null : reason.strip();
    if (why == null || why.length() > MAX_REASON) {
      errors.put("reason", "请填写更正的原因（不超过 " + MAX_REASON + " 个字）");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Household household = households.find(campaignCode, householdNo)
        .orElseThrow(() -> new NotFoundException("台账中没有该户：" + householdNo));
    accounts.save(household.id(), new PaymentAccounts.Account(h, no, bk), user, clock.instant());
    audit.record(AuditAction.PAYMENT_ACCOUNT_CORRECTED, AuditSubject.household(campaignCode, householdNo), null,
        "补贴发放账户已更正（账户信息不记入审计）", why);
  }

  /** A household's 一卡通 account as the 工作台账 gives it (account number digits only, bank optional). */
  public record LedgerAccount(String householdNo, String holder, String accountNo, String bank) {}

  /** What an import did to the accounts: new ones, changed ones (已修改, audited), unchanged ones. */
  public record AccountsImported(int created, int changed, int unchanged) {}

  /**
   * Records the 一卡通 accounts of a 工作台账 import, in the import's transaction (all or nothing), in the same store
   * as {@link #correctAccount}: a changed account is updated and audited as 已修改, without the account data.
   * The lines were checked by the ledger's parser; their households were just written.
   */
  public AccountsImported importAccounts(String campaignCode, List<LedgerAccount> lines, String actor) {
    int created = 0;
    int changed = 0;
    int unchanged = 0;
    Instant now = clock.instant();
    var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
        .getAuthentication();
    String who = actor != null ? actor : authentication != null && authentication.getName() != null
        ? authentication.getName() : "工作台账导入";
    Map<String, PaymentAccounts.Account> registered = accounts.ofCampaign(campaignCode);
    Map<String, Long> ids = households.idsByHouseholdNo(campaignCode);
    for (LedgerAccount l : lines) {
      PaymentAccounts.Account account = new PaymentAccounts.Account(l.holder(), l.accountNo(), l.bank());
      Optional<PaymentAccounts.Account> before = Optional.ofNullable(registered.get(l.householdNo()));
      if (before.isEmpty()) {
        created++;
      } else if (before.get().equals(account)) {
        unchanged++;
        continue;
      } else {
        changed++;
        audit.recordBy(actor, AuditAction.PAYMENT_ACCOUNT_CORRECTED, AuditSubject.household(campaignCode,
            l.householdNo()), null, "补贴发放账户已修改（工作台账导入；账户信息不记入审计）", null);
      }
      accounts.save(ids.get(l.householdNo()), account, who, now);
    }
    return new AccountsImported(created, changed, unchanged);
  }

  /**
   * The batch's households whose 一卡通 account is registered, with the account masked to its last four digits
   * (尾号1234): enough for staff to see who lacks one before the workbook is exported, nothing to pay with.
   */
  public Map<String, String> maskedAccounts(String campaignCode, long batchId) {
    SubsidyBatches.Batch b = batchOfCampaign(campaignCode, batchId);
    Map<String, String> masked = new HashMap<>();
    accounts.ofBatch(b.id()).forEach((householdNo, a) -> masked.put(householdNo, maskAccount(a.accountNo())));
    return masked;
  }

  /** 尾号1234: the one way an account number is shown outside the payment workbook. */
  public static String maskAccount(String accountNo) {
    return accountNo == null || accountNo.length() < 8 ? "已登记" : "尾号" + accountNo.substring(accountNo.length() - 4);
  }

  /** What 核实发放信息 shows: why the bank did not pay (no account data). */
  public Map<String, Object> confirmationTaskVariables(long householdId) {
    Household h = households.find(householdId).orElseThrow();
    String reason = payments(h.campaignCode()).getOrDefault(householdId, new HouseholdPayment(null, null, null, null,
        null)).failReason();
    Map<String, Object> vars = new HashMap<>();
    vars.put(CampaignProcess.Var.PAYMENT_FAIL_REASON, reason == null ? "" : reason);
    return vars;
  }

  // ---- what people see ----

  /**
   * Per household of the campaign: its latest payment (the paid one if any); a household written off shows
   * 不予发放 with the reason in its status (it is not 欠发: nothing is owed any more).
   */
  public Map<Long, HouseholdPayment> payments(String campaignCode) {
    Map<Long, HouseholdPayment> result = latestPayments(campaignCode);
    for (SubsidyBatches.WriteOff w : batches.writeOffs(campaignCode)) {
      result.put(w.householdId(), new HouseholdPayment(w.amount(), WRITTEN_OFF + "（" + w.reason() + "）", null, null,
          null));
    }
    return result;
  }

  private Map<Long, HouseholdPayment> latestPayments(String campaignCode) {
    Map<Long, HouseholdPayment> result = new HashMap<>();
    for (Payment p : batches.paymentsOfCampaign(campaignCode)) {
      HouseholdPayment before = result.get(p.householdId());
      if (before != null && PaymentStatus.PAID.label.equals(before.statusLabel())) {
        continue;
      }
      String label = switch (p.status()) {
        case PAID -> PaymentStatus.PAID.label;
        case FAILED -> PaymentStatus.FAILED.label;
        default -> PaymentStatus.PENDING.label;
      };
      result.put(p.householdId(), new HouseholdPayment(p.amount(), label, p.paidOn(), p.voucherNo(),
          p.status() == PaymentStatus.FAILED ? p.failReason()
              : p.status() == PaymentStatus.HELD_BACK ? "暂缓发放：" + p.holdReason() : null));
    }
    return result;
  }

  /**
   * Households of the campaign whose latest payment failed or was held back (欠发), by household number; not those
   * paid later or written off (不予发放).
   */
  public List<String> arrears(String campaignCode) {
    Map<Long, HouseholdPayment> all = latestPayments(campaignCode);
    Set<Long> writtenOff = batches.writeOffs(campaignCode).stream().map(SubsidyBatches.WriteOff::householdId)
        .collect(Collectors.toSet());
    List<String> lines = new ArrayList<>();
    for (Household h : households.ofCampaign(campaignCode)) {
      HouseholdPayment p = all.get(h.id());
      if (p != null && p.failReason() != null && !writtenOff.contains(h.id())) {
        lines.add(h.village() + ' ' + h.householdNo() + "：欠发 " + money(p.amount()) + " 元（" + p.failReason() + "）");
      }
    }
    return lines;
  }

  /** The households written off (不予发放): village, household, the amount it was owed and why. */
  public List<String> writtenOff(String campaignCode) {
    return batches.writeOffs(campaignCode).stream().map(w -> w.village() + ' ' + w.householdNo() + "：" + WRITTEN_OFF
        + " " + money(w.amount()) + " 元（" + w.reason() + "）").toList();
  }

  /**
   * The planted households still owed their subsidy: planting confirmed, neither paid nor written off, whatever
   * their payments so far (none yet, in a batch awaiting its result, failed, held back). The campaign does not end
   * while there is one.
   */
  public List<Household> unpaid(String campaignCode) {
    Set<Long> writtenOff = batches.writeOffs(campaignCode).stream().map(SubsidyBatches.WriteOff::householdId)
        .collect(Collectors.toSet());
    return households.ofCampaign(campaignCode).stream()
        .filter(h -> h.status() == Household.Status.PLANTED && !writtenOff.contains(h.id())).toList();
  }

  /**
   * What the campaign shows while it waits for its arrears (Cockpit, the summary): each unpaid household with where
   * its payment stands and what staff can do.
   */
  public String unpaidSummary(String campaignCode) {
    List<Household> unpaid = unpaid(campaignCode);
    Map<Long, HouseholdPayment> latest = latestPayments(campaignCode);
    StringBuilder s = new StringBuilder("尚未发放补贴 ").append(unpaid.size()).append(" 户");
    s.append(unpaid.isEmpty() ? "。" : "（发放失败的，由工作人员更正一卡通账户、包保代表核实后进入补发批次；确不发放的，"
        + "由工作人员登记不予发放及原因）：\n");
    int listed = 0;
    for (Household h : unpaid) {
      HouseholdPayment p = latest.get(h.id());
      String line = "- " + h.village() + ' ' + h.householdNo() + '：'
          + (p == null ? "待组批" : p.statusLabel() + (p.failReason() == null ? "" : "（" + p.failReason() + "）")) + '\n';
      // a String variable holds 4000 characters
      if (listed == SUMMARY_LINES || s.length() + line.length() > SUMMARY_CHARS) {
        s.append("……另有 ").append(unpaid.size() - listed).append(" 户，见工作台账。\n");
        break;
      }
      s.append(line);
      listed++;
    }
    return s.toString();
  }

  /**
   * Staff decide a planted household is not paid (不予发放: e.g. 户主已故, 放弃补贴), with the reason; audited. Its
   * sign-off ends as 不予发放 (not 销号), the ledger shows it with the reason, and the campaign no longer waits for
   * it. Refused for a household paid, written off, not planted, or whose payment awaits its review or result in a
   * batch (hold it back at review first).
   */
  @Transactional
  public void writeOff(String campaignCode, String householdNo, String reason, String user) {
    String why = reason(reason, "reason", "请填写不予发放的原因，例如 户主已故、农户自愿放弃补贴");
    Household h = households.find(campaignCode, householdNo)
        .orElseThrow(() -> new NotFoundException("台账中没有该户：" + householdNo));
    if (batches.isPaid(h.id())) {
      throw new ConflictException("该户的补贴已发放，不能登记不予发放");
    }
    if (h.status() != Household.Status.PLANTED) {
      throw new ConflictException("该户" + h.status().label() + "，只有已确认种植、尚未发放补贴的农户可以登记不予发放");
    }
    Optional<Long> open = batches.openBatchOf(h.id());
    if (open.isPresent()) {
      throw new ConflictException("该户在补贴批次 " + BATCH_PREFIX + open.get() + " 中待发放：请在核对时暂缓该户，或等银行回报结果后再登记");
    }
    BigDecimal amount = latestPayments(campaignCode).entrySet().stream().filter(e -> e.getKey() == h.id())
        .map(e -> e.getValue().amount()).findFirst()
        .orElseGet(() -> h.plantedMu().multiply(campaigns.find(campaignCode).orElseThrow().subsidyPerMu())
            .setScale(2, RoundingMode.HALF_UP));
    if (!batches.writeOff(h.id(), amount, why, user, clock.instant())) {
      throw new ConflictException("该户已登记不予发放");
    }
    audit.recordBy(user, AuditAction.SUBSIDY_WRITTEN_OFF, AuditSubject.household(campaignCode, householdNo), null,
        "补贴不予发放 " + money(amount) + " 元", why);
    // the sign-off waits for its result (or its deputy's confirmation of a corrected account): it ends as 不予发放
    if (h.processInstanceId() == null || runtime.createMessageCorrelation(CampaignProcess.Message.SUBSIDY_WRITTEN_OFF)
        .processInstanceId(h.processInstanceId()).correlateAllWithResult().isEmpty()) {
      throw new ConflictException("该户的包户销号流程不在等待补贴发放，不能登记不予发放");
    }
    // its deputy may have been about to confirm the account with the household (核实补贴发放信息, now ended)
    if (h.responsibleDeputy() != null) {
      notifier.notifyUser(h.responsibleDeputy(), cn.liaison.platform.notification.Subject.of("household", h.id()),
          "subsidy-write-off:" + h.id(), "补贴不予发放：" + h.village() + " " + householdNo,
          "经联络站工作人员登记，该户补贴不再发放（" + why + "），包户销号流程已结束（不予发放），无需再核实发放信息。");
    }
  }

  /** The households written off (不予发放) by household number, with the reason. */
  public Map<String, String> writeOffReasons(String campaignCode) {
    Map<String, String> reasons = new HashMap<>();
    batches.writeOffs(campaignCode).forEach(w -> reasons.put(w.householdNo(), w.reason()));
    return reasons;
  }

  public List<BatchView> batchesOf(String campaignCode) {
    return batches.ofCampaign(campaignCode).stream().map(this::view).toList();
  }

  public BatchView view(String campaignCode, long batchId) {
    return view(batchOfCampaign(campaignCode, batchId));
  }

  /** The 一卡通 upload workbook of a sent batch (the households to pay, with their accounts); marks it 已导出. */
  @Transactional
  public byte[] paymentWorkbook(String campaignCode, long batchId) {
    return paymentWorkbook(campaignCode, batchId, null);
  }

  /** As {@link #paymentWorkbook(String, long)}, downloaded by this user (staff pages); null = the API's user. */
  @Transactional
  public byte[] paymentWorkbook(String campaignCode, long batchId, String actor) {
    SubsidyBatches.Batch b = batchOfCampaign(campaignCode, batchId);
    if (b.status() == BatchStatus.COMPOSED || b.status() == BatchStatus.IN_REVIEW) {
      throw new ConflictException("补贴批次尚未核对完毕，不能导出发放表");
    }
    Campaign c = campaigns.find(campaignCode).orElseThrow();
    List<SubsidyWorkbook.Row> rows = new ArrayList<>();
    Map<String, PaymentAccounts.Account> registered = accounts.ofBatch(b.id());
    for (Payment p : batches.payments(b.id())) {
      if (p.status() == PaymentStatus.HELD_BACK) {
        continue;
      }
      Optional<PaymentAccounts.Account> account = Optional.ofNullable(registered.get(p.householdNo()));
      rows.add(new SubsidyWorkbook.Row(p.householdNo(), p.village(),
          account.map(PaymentAccounts.Account::holder)
              .orElseGet(() -> households.find(p.householdId()).orElseThrow().headName()),
          account.map(PaymentAccounts.Account::accountNo).orElse(""),
          account.map(PaymentAccounts.Account::bank).orElse(""), p.plantedMu(), p.amount(),
          switch (p.status()) {
            case PAID -> "成功";
            case FAILED -> "失败";
            default -> "";
          }, p.paidOn(), p.voucherNo(), p.failReason()));
    }
    batches.markExported(b.id(), clock.instant());
    audit.recordBy(actor, AuditAction.PAYMENT_WORKBOOK_EXPORTED, AuditSubject.campaign(campaignCode), null,
        "导出补贴批次 " + BATCH_PREFIX + b.id() + " 的一卡通发放表（" + rows.size() + " 户）", null);
    return SubsidyWorkbook.write(c.name() + " 补贴批次 " + BATCH_PREFIX + b.id(), rows);
  }

  // ---- helpers ----

  private Payment reviewedPayment(String campaignCode, long batchId, String householdNo) {
    SubsidyBatches.Batch b = batchOfCampaign(campaignCode, batchId);
    if (b.status() != BatchStatus.IN_REVIEW) {
      throw new ConflictException("补贴批次 " + BATCH_PREFIX + batchId + " 已" + b.status().label + "，只有待核对的批次可以暂缓或调整");
    }
    return batches.payments(batchId).stream().filter(p -> p.householdNo().equals(householdNo)).findFirst()
        .orElseThrow(() -> new NotFoundException("本批次中没有该户：" + householdNo));
  }

  private SubsidyBatches.Batch batchOfCampaign(String campaignCode, long batchId) {
    return batches.find(batchId).filter(b -> b.campaignCode().equals(campaignCode))
        .orElseThrow(() -> new NotFoundException("补贴批次不存在：" + batchId));
  }

  private SubsidyBatches.Batch batchOfProcess(String processInstanceId) {
    return batches.ofProcess(processInstanceId)
        .orElseThrow(() -> new IllegalStateException("no subsidy batch for process " + processInstanceId));
  }

  private BatchView view(long batchId) {
    return view(batches.find(batchId).orElseThrow());
  }

  private BatchView view(SubsidyBatches.Batch b) {
    List<Payment> payments = batches.payments(b.id());
    Map<PaymentStatus, BigDecimal> sums = new HashMap<>();
    BigDecimal total = BigDecimal.ZERO;
    BigDecimal mu = BigDecimal.ZERO;
    List<LineView> lines = new ArrayList<>();
    for (Payment p : payments) {
      sums.merge(p.status(), p.amount(), BigDecimal::add);
      total = total.add(p.amount());
      mu = mu.add(p.plantedMu());
      lines.add(new LineView(p.householdNo(), p.village(), p.plantedMu(), p.amount(), p.composedAmount(),
          p.adjustReason(), p.status().name(), p.status().label, p.holdReason(), p.paidOn(), p.voucherNo(),
          p.failReason()));
    }
    return new BatchView(b.id(), b.campaignCode(), b.status().name(), b.status().label, payments.size(), mu,
        cents(total), cents(sums.get(PaymentStatus.PAID)), cents(sums.get(PaymentStatus.FAILED)),
        cents(sums.get(PaymentStatus.HELD_BACK)), cents(sums.get(PaymentStatus.PENDING)), b.createdAt(), b.sentAt(),
        b.doneAt(), lines, b.kind().name(), b.kind().label);
  }

  private static String reason(String reason, String field, String message) {
    String why = reason == null || reason.isBlank() ? null : reason.strip();
    if (why == null || why.length() > MAX_REASON) {
      throw new InvalidInputException(field, message + "（不超过 " + MAX_REASON + " 个字）");
    }
    return why;
  }

  static BigDecimal cents(BigDecimal value) {
    return (value == null ? BigDecimal.ZERO : value).setScale(2, RoundingMode.HALF_UP);
  }

  public static String money(BigDecimal value) {
    return cents(value).toPlainString();
  }

  private static String plain(BigDecimal value) {
    return value == null ? "0" : value.stripTrailingZeros().toPlainString();
  }
}
