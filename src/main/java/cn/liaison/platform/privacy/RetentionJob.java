package cn.liaison.platform.privacy;

import cn.liaison.platform.audit.AuditAction;
import cn.liaison.platform.audit.AuditSubject;
import cn.liaison.platform.audit.AuditTrail;
import cn.liaison.platform.calendar.WorkingDayCalendar;
import cn.liaison.platform.campaign.Households;
import cn.liaison.platform.opinion.Opinions;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily retention job (个人信息保护): blanks the contact data of items that ended longer ago than
 * liaison.retention.contact-data-after (default one year) — the citizen's name and phone on opinions closed
 * (办结, 不予受理, 重复件: closed_at), the head's name and phone on households crossed off (销号) or not converted
 * (未改种). Texts, figures and statuses stay, so statistics do not change.
 *
 * <p>Cluster-safe: each node's scheduler fires, one claims the day in table scheduled_run ({@link RetentionRuns}, a
 * conditional UPDATE), the others skip. It works in batches of liaison.retention.batch-size rows, each its own
 * transaction (a long run neither holds locks nor one huge transaction; a run cut short is finished by the next),
 * and writes one audit row per run with the counts.
 */
@Component
class RetentionJob {

  static final String JOB = "retention";
  private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

  /** What one run blanked. */
  record Result(LocalDate day, Instant cutoff, int opinions, int households) {}

  private final RetentionProperties properties;
  private final RetentionRuns runs;
  private final Opinions opinions;
  private final Households households;
  private final AuditTrail audit;
  private final Clock clock;
  private final ZoneId zone;
  private final TransactionTemplate transaction;

  RetentionJob(RetentionProperties properties, RetentionRuns runs, Opinions opinions, Households households,
      AuditTrail audit, Clock clock, WorkingDayCalendar calendar, PlatformTransactionManager transactions) {
    this.properties = properties;
    this.runs = runs;
    this.opinions = opinions;
    this.households = households;
    this.audit = audit;
    this.clock = clock;
    this.zone = calendar.zone();
    this.transaction = new TransactionTemplate(transactions);
  }

  @Scheduled(cron = "${liaison.retention.cron:0 30 2 * * *}", zone = "${liaison.calendar.zone:Asia/Shanghai}")
  void daily() {
    if (!properties.enabled()) {
      return;
    }
    try {
      runIfNotYetToday();
    } catch (RuntimeException e) {
      log.error("retention job failed; the next run takes up what is left", e);
    }
  }

  /** Runs today's retention unless another node (or this one) already did; empty if it did. */
  java.util.Optional<Result> runIfNotYetToday() {
    Instant now = clock.instant();
    LocalDate today = now.atZone(zone).toLocalDate();
    Boolean claimed = transaction.execute(s -> runs.claim(JOB, today, node(), now));
    if (!Boolean.TRUE.equals(claimed)) {
      log.info("retention job of {} already run (here or on another node)", today);
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(run());
  }

  /** One run now, whatever ran before today (the rows blanked already are not touched again). */
  Result run() {
    Instant now = clock.instant();
    LocalDate today = now.atZone(zone).toLocalDate();
    Instant cutoff = now.atZone(zone).minus(properties.contactDataAfter()).toInstant();
    int batch = properties.batchSize();
    int blankedOpinions = batches(() -> opinions.blankContactsClosedBefore(cutoff, batch), batch);
    int blankedHouseholds = batches(() -> households.blankContactsEndedBefore(cutoff, batch), batch);
    String before = cutoff.atZone(zone).toLocalDate().toString();
    transaction.executeWithoutResult(s -> audit.recordBy(AuditTrail.SYSTEM, AuditAction.RETENTION_RUN,
        AuditSubject.job(JOB), null, "到期清除个人信息：意见 " + blankedOpinions + " 条，农户 " + blankedHouseholds + " 户",
        "保存期限 " + properties.contactDataAfter() + "：清除 " + before + " 以前办结的意见的群众姓名和电话、"
            + "已销号或未改种农户的户主姓名和电话；每批 " + batch + " 条"));
    log.info("retention {}: contact data blanked on {} opinions and {} households ended before {}", today,
        blankedOpinions, blankedHouseholds, before);
    return new Result(today, cutoff, blankedOpinions, blankedHouseholds);
  }

  private int batches(IntSupplier oneBatch, int batch) {
    int total = 0;
    while (true) {
      Integer n = transaction.execute(s -> oneBatch.getAsInt());
      total += n == null ? 0 : n;
      if (n == null || n < batch) {
        return total;
      }
    }
  }

  private static String node() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
