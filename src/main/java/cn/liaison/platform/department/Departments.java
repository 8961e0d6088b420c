package cn.liaison.platform.department;

import cn.liaison.platform.system.ReferenceDataCache;
import cn.liaison.platform.system.SecretCipher;
import cn.liaison.platform.system.TransactionMemo;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The department directory (table department). */
@Repository
public class Departments {

  private static final String COLUMNS =
      "code, name, group_id, channel, endpoint, timeout_millis, active, secret IS NOT NULL AS has_secret";

  private final JdbcClient jdbc;
  private final SecretCipher cipher;

  private final java.time.Clock clock;
  private final ReferenceDataCache<Department> byCode;

  Departments(java.time.Clock clock, JdbcClient jdbc, SecretCipher cipher,
      @Value("${liaison.reference-data-ttl:10s}") Duration referenceDataTtl) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.byCode = new ReferenceDataCache<>(referenceDataTtl);
  }

  public List<Department> findAll() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM department ORDER BY sort_order, code").query(Departments::map).list();
  }

  public List<Department> findActive() {
    return findAll().stream().filter(Department::active).toList();
  }

  /**
   * The department, read once per transaction (a step of the loop asks in its listeners and its delegate) and kept
   * for {@code liaison.reference-data-ttl} ({@link ReferenceDataCache}; a change saved here is seen at once).
   */
  public Optional<Department> findByCode(String code) {
    return TransactionMemo.get("department:" + code, () -> byCode.get(code, () -> jdbc.sql("SELECT " + COLUMNS
        + " FROM department WHERE code = ?").param(code).query(Departments::map).optional()));
  }

  /** The department's signing secret, decrypted; only for signing and verifying. */
  Optional<String> secretOf(String code) {
    return jdbc.sql("SELECT secret FROM department WHERE code = ?").param(code).query(String.class).optional()
        .filter(s -> s != null && !s.isBlank()).map(cipher::decrypt);
  }

  /** Creates or changes a department; a null secret keeps the stored one. */
  void save(String code, String name, String groupId, Department.Channel channel, String endpoint, int timeoutMillis,
      boolean active, String secret) {
    TransactionMemo.clear();
    byCode.changed(code);
    Timestamp now = Timestamp.from(clock.instant());
    String encrypted = secret == null ? null : cipher.encrypt(secret);
    int updated = jdbc.sql("UPDATE department SET name = ?, group_id = ?, channel = ?, endpoint = ?, timeout_millis = ?, "
        + "active = ?, secret = COALESCE(?, secret), updated_at = ? WHERE code = ?")
        .params(name, groupId, channel.name(), endpoint, timeoutMillis, active, encrypted, now, code).update();
    if (updated == 0) {
      int order = jdbc.sql("SELECT COALESCE(MAX(sort_order), 0) + 10 FROM department").query(Integer.class).single();
      jdbc.sql("INSERT INTO department (code, name, group_id, channel, endpoint, timeout_millis, active, secret, "
          + "sort_order, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(code, name, groupId, channel.name(), endpoint, timeoutMillis, active, encrypted, order, now, now)
          .update();
    }
  }

  private static Department map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Department(rs.getString("code"), rs.getString("name"), rs.getString("group_id"),
        Department.Channel.valueOf(rs.getString("channel")), rs.getString("endpoint"), rs.getInt("timeout_millis"),
        rs.getBoolean("active"), rs.getBoolean("has_secret"));
  }
}
