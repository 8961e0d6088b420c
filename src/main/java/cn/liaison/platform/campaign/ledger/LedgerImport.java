package cn.liaison.platform.campaign.ledger;

import cn.liaison.platform.audit.AuditAction;
import cn.liaison.platform.audit.AuditSubject;
import cn.liaison.platform.audit.AuditTrail;
import cn.liaison.platform.campaign.Campaign;
import cn.liaison.platform.campaign.CampaignService;
import cn.liaison.platform.campaign.Campaigns;
import cn.liaison.platform.campaign.Households;
import cn.liaison.platform.campaign.SubsidyPayments;
import cn.liaison.platform.system.ConflictException;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.NotFoundException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports the work ledger (工作台账) of a campaign: {@link LedgerParser} checks the whole file first (one bad row
 * rejects it, nothing is imported); a good file is upserted by {@link Households#writeLedger} in one transaction
 * (households by 户编号, plots by 地块编号, nothing deleted; a household whose sign-off has started keeps its
 * deputy). Households added to a running campaign are then mobilised at once (CampaignService).
 *
 * <p>During 扫尾 (wrap-up) a file that adds households is refused (409): 签约种植 is over, mobilisation has ended and
 * the households still being mobilised were recorded as 未改种, so a new household could be neither visited nor
 * signed, and would stay in the ledger without a sign-off, never crossed off nor counted as 未改种. Re-importing
 * the households already in the ledger (to correct names or phones) still works.
 */
@Service
public class LedgerImport {

  /** At most this many plot rows (without the header) per file. */
  public static final int MAX_ROWS = LedgerParser.MAX_ROWS;
  /** At most this many errors are listed; the rest are counted. */
  static final int MAX_ERRORS = LedgerParser.MAX_ERRORS;
  /** At most this many new household numbers are named when a file is refused during 扫尾. */
  static final int NAMED_NEW_HOUSEHOLDS = 5;

  private static final Logger log = LoggerFactory.getLogger(LedgerImport.class);

  /** What an import did. Rows are plot rows read; unchanged counts records that were already as in the file. */
  public record Summary(int rows, int households, int householdsCreated, int householdsUpdated,
      int householdsUnchanged, int plotsCreated, int plotsUpdated, int plotsUnchanged, int accountsCreated,
      int accountsChanged, int accountsUnchanged, String format, String encoding) {}

  private final Campaigns campaigns;
  private final Households households;
  private final CampaignService campaignService;
  private final TransactionTemplate transaction;
  private final AuditTrail audit;
  private final SubsidyPayments payments;

  LedgerImport(Campaigns campaigns, Households households, CampaignService campaignService,
      PlatformTransactionManager transactions, AuditTrail audit, SubsidyPayments payments) {
    this.audit = audit;
    this.payments = payments;
    this.campaigns = campaigns;
    this.households = households;
    this.campaignService = campaignService;
    this.transaction = new TransactionTemplate(transactions);
  }

  /**
   * Imports a ledger file into the campaign, then starts the sign-off of the households it added to a running
   * campaign.
   *
   * @throws NotFoundException for an unknown campaign
   * @throws ConflictException for an ENDED campaign, or new households during 扫尾 (WRAP_UP)
   * @throws InvalidInputException for any bad row, a missing column, an empty or unreadable file, too many rows
   */
  public Summary importLedger(String campaignCode, String fileName, String contentType, byte[] content) {
    Campaign campaign = campaigns.find(campaignCode)
        .orElseThrow(() -> new NotFoundException("改种行动不存在：" + campaignCode));
    refuse(campaign.status(), List.of());
    LedgerParser.Parsed parsed = LedgerParser.parse(fileName, contentType, content, campaign);
    Summary summary = transaction.execute(status -> write(campaignCode, parsed));
    log.info("工作台账导入 campaign={} rows={} households={} (+{} ~{}) plots (+{} ~{})", campaignCode,
        summary.rows(), summary.households(), summary.householdsCreated(), summary.householdsUpdated(),
        summary.plotsCreated(), summary.plotsUpdated());
    // households added to a running campaign are mobilised at once
    campaignService.startLateHouseholds(campaignCode);
    return summary;
  }

  private Summary write(String campaignCode, LedgerParser.Parsed parsed) {
    // one import at a time per campaign, and not into a campaign that ended (or entered 扫尾) meanwhile
    Campaign.Status status = campaigns.lockForLedgerImport(campaignCode);
    if (status == Campaign.Status.WRAP_UP) {
      Set<String> known = households.householdNos(campaignCode);
      refuse(status, parsed.households().keySet().stream().filter(no -> !known.contains(no)).toList());
    } else {
      refuse(status, List.of());
    }
    Households.LedgerWritten w = households.writeLedger(campaignCode, parsed.ledger());
    // the 一卡通 accounts in the same transaction: a bad account refused the file before, nothing half-written
    SubsidyPayments.AccountsImported a = payments.importAccounts(campaignCode, parsed.accounts(), null);
    // counts only: which heads' names or phones were corrected is personal data
    audit.record(AuditAction.LEDGER_IMPORTED, AuditSubject.campaign(campaignCode), null, "导入工作台账 " + parsed.rows()
        + " 行", "农户 新增 " + w.householdsCreated() + "，更正 " + w.householdsUpdated() + "，未变 " + w.householdsUnchanged()
        + "；地块 新增 " + w.plotsCreated() + "，更正 " + w.plotsUpdated()
        + (a.created() + a.changed() + a.unchanged() == 0 ? "" : "；一卡通账户 新登记 " + a.created() + "，已修改 "
            + a.changed() + "，未变 " + a.unchanged()) + "（户主姓名、电话、账户信息的更正不逐条列出）");
    return new Summary(parsed.rows(), parsed.households().size(), w.householdsCreated(), w.householdsUpdated(),
        w.householdsUnchanged(), w.plotsCreated(), w.plotsUpdated(), w.plotsUnchanged(), a.created(), a.changed(),
        a.unchanged(), parsed.format().name(), parsed.encoding());
  }

  private static void refuse(Campaign.Status status, List<String> newHouseholds) {
    if (status == Campaign.Status.ENDED) {
      throw new ConflictException("该改种行动已结束，不能再导入工作台账。");
    }
    if (status == Campaign.Status.WRAP_UP && !newHouseholds.isEmpty()) {
      String named = String.join("、", newHouseholds.subList(0, Math.min(NAMED_NEW_HOUSEHOLDS, newHouseholds.size())))
          + (newHouseholds.size() > NAMED_NEW_HOUSEHOLDS ? " 等" : "");
      throw new ConflictException("该改种行动已进入扫尾阶段（签约种植已结束，入户动员已停止），不能再新增农户：文件中有 "
          + newHouseholds.size() + " 户不在台账中（" + named + "），未导入任何数据。已在台账中的农户仍可重新导入以更正信息；"
          + "新增农户请列入下一次改种行动。");
    }
  }
}
