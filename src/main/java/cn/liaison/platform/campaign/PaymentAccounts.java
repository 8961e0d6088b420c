package cn.liaison.platform.campaign;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The household's 一卡通 account the bank pays into (table payment_account): personal data, shown only on the
 * payment workbook for finance and the town's staff; never in process variables, logs or the audit trail.
 */
@Repository
class PaymentAccounts {

  record Account(String holder, String accountNo, String bank) {}

  private final JdbcClient jdbc;

  PaymentAccounts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The accounts of a batch's households by household number, in one query (the batch page, the payment workbook). */
  Map<String, Account> ofBatch(long batchId) {
    Map<String, Account> byHouseholdNo = new HashMap<>();
    jdbc.sql("SELECT h.household_no, a.account_holder, a.account_no, a.bank FROM payment_account a "
        + "JOIN subsidy_payment p ON p.household_id = a.household_id JOIN household h ON h.id = a.household_id "
        + "WHERE p.batch_id = ?").param(batchId)
        .query(rs -> {
          byHouseholdNo.put(rs.getString(1), new Account(rs.getString(2), rs.getString(3), rs.getString(4)));
        });
    return byHouseholdNo;
  }

  /** The accounts of a campaign's households by household number, in one query (a ledger import compares them). */
  Map<String, Account> ofCampaign(String campaignCode) {
    Map<String, Account> byHouseholdNo = new HashMap<>();
    jdbc.sql("SELECT h.household_no, a.account_holder, a.account_no, a.bank FROM payment_account a "
        + "JOIN household h ON h.id = a.household_id WHERE h.campaign_code = ?").param(campaignCode)
        .query(rs -> {
          byHouseholdNo.put(rs.getString(1), new Account(rs.getString(2), rs.getString(3), rs.getString(4)));
        });
    return byHouseholdNo;
  }

  /** Records the account (first time) or corrects it. */
  void save(long householdId, Account account, String user, Instant at) {
    int updated = jdbc.sql("UPDATE payment_account SET account_holder = ?, account_no = ?, bank = ?, updated_by = ?, "
        + "updated_at = ? WHERE household_id = ?").params(account.holder(), account.accountNo(), account.bank(), user,
            Timestamp.from(at), householdId).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO payment_account (household_id, account_holder, account_no, bank, updated_by, updated_at) "
          + "VALUES (?, ?, ?, ?, ?, ?)").params(householdId, account.holder(), account.accountNo(), account.bank(), user,
              Timestamp.from(at)).update();
    }
  }
}
