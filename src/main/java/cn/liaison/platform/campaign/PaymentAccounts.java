package cn.liaison.platform.campaign;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
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

  Optional<Account> of(long householdId) {
    return jdbc.sql("SELECT account_holder, account_no, bank FROM payment_account WHERE household_id = ?")
        .param(householdId).query((rs, i) -> new Account(rs.getString(1), rs.getString(2), rs.getString(3)))
        .optional();
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
