package cn.liaison.platform.deputy;

import cn.liaison.platform.system.Masking;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The deputies' details (table deputy): level, sector and phone. The phone never leaves this feature unmasked. */
@Repository
class DeputyProfiles {

  /** One row; toString masks the phone, so a logged profile gives nothing away. */
  record Profile(String userId, DeputyLevel level, String sector, String phone) {
    @Override
    public String toString() {
      return "Profile[userId=" + userId + ", level=" + level + ", sector=" + sector + ", phone="
          + (phone == null ? null : Masking.phone(phone)) + "]";
    }
  }

  private final JdbcClient jdbc;

  DeputyProfiles(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Profile> find(String userId) {
    return jdbc.sql("SELECT user_id, level, sector, phone FROM deputy WHERE user_id = ?").param(userId)
        .query(DeputyProfiles::profile).optional();
  }

  Map<String, Profile> findAll() {
    return jdbc.sql("SELECT user_id, level, sector, phone FROM deputy").query(DeputyProfiles::profile).list().stream()
        .collect(Collectors.toMap(Profile::userId, Function.identity()));
  }

  /** The deputy's public code (代表码), if the deputy has details and a code. */
  Optional<String> publicCode(String userId) {
    return jdbc.sql("SELECT public_code FROM deputy WHERE user_id = ? AND public_code IS NOT NULL").param(userId)
        .query(String.class).optional();
  }

  /** Whose public code this is; empty for an unknown code. */
  Optional<String> userIdOfCode(String code) {
    return jdbc.sql("SELECT user_id FROM deputy WHERE public_code = ?").param(code).query(String.class).optional();
  }

  /** Every deputy's public code, by user id (deputies without one are left out). */
  Map<String, String> publicCodes() {
    return jdbc.sql("SELECT user_id, public_code FROM deputy WHERE public_code IS NOT NULL")
        .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** The deputies with details but no public code yet (rows of earlier versions). */
  java.util.List<String> withoutPublicCode() {
    return jdbc.sql("SELECT user_id FROM deputy WHERE public_code IS NULL ORDER BY user_id").query(String.class).list();
  }

  /** Gives a deputy a public code unless he or she has one; false when another node gave one first. */
  boolean givePublicCode(String userId, String code) {
    return jdbc.sql("UPDATE deputy SET public_code = ? WHERE user_id = ? AND public_code IS NULL")
        .params(code, userId).update() > 0;
  }

  boolean exists(String userId) {
    return jdbc.sql("SELECT COUNT(*) FROM deputy WHERE user_id = ?").param(userId).query(Integer.class).single() > 0;
  }

  /** Creates or replaces a deputy's details; a phone of null keeps the stored number. */
  void save(String userId, DeputyLevel level, String sector, String phone, String updatedBy, Instant at) {
    Timestamp now = Timestamp.from(at);
    int updated = phone == null
        ? jdbc.sql("UPDATE deputy SET level = ?, sector = ?, updated_by = ?, updated_at = ? WHERE user_id = ?")
            .params(level.name(), sector, updatedBy, now, userId).update()
        : jdbc.sql("UPDATE deputy SET level = ?, sector = ?, phone = ?, updated_by = ?, updated_at = ? WHERE user_id = ?")
            .params(level.name(), sector, phone, updatedBy, now, userId).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO deputy (user_id, level, sector, phone, updated_by, updated_at, public_code) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?)")
          .params(userId, level.name(), sector, phone, updatedBy, now, DeputyCodes.generate()).update();
    }
  }

  /** Forgets a deputy's details (the demo deputies' when demo data is turned off). */
  void remove(String userId) {
    jdbc.sql("DELETE FROM deputy WHERE user_id = ?").param(userId).update();
  }

  private static Profile profile(ResultSet rs, int row) throws SQLException {
    return new Profile(rs.getString("user_id"), DeputyLevel.valueOf(rs.getString("level")), rs.getString("sector"),
        rs.getString("phone"));
  }
}
