package cn.liaison.platform.bulletin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The bulletin's templates (table bulletin_template_version): their one writer. Saving adds a version, nothing is
 * overwritten; the highest version of a part is in use, version 0 is the default shipped in the application.
 */
@Repository
class BulletinTemplates {

  private final JdbcClient jdbc;

  BulletinTemplates(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  TemplateVersion current(BulletinPart part) {
    return jdbc.sql("SELECT part, version, body, saved_by, saved_at FROM bulletin_template_version WHERE part = ? "
        + "ORDER BY version DESC FETCH FIRST 1 ROWS ONLY").param(part.name()).query(BulletinTemplates::row)
        .optional().orElseGet(() -> shipped(part));
  }

  /** Every saved version of a part, newest first, then the shipped default. */
  List<TemplateVersion> history(BulletinPart part) {
    var saved = new java.util.ArrayList<>(jdbc.sql("SELECT part, version, body, saved_by, saved_at "
        + "FROM bulletin_template_version WHERE part = ? ORDER BY version DESC").param(part.name())
        .query(BulletinTemplates::row).list());
    saved.add(shipped(part));
    return saved;
  }

  Optional<TemplateVersion> version(BulletinPart part, int version) {
    if (version == 0) {
      return Optional.of(shipped(part));
    }
    return jdbc.sql("SELECT part, version, body, saved_by, saved_at FROM bulletin_template_version "
        + "WHERE part = ? AND version = ?").params(part.name(), version).query(BulletinTemplates::row).optional();
  }

  /**
   * Adds the next version after {@code base}. The unique (part, version) key refuses a second save over the same
   * base, so of two editors who started from the same wording the later one is told instead of winning silently.
   */
  void addVersion(BulletinPart part, int base, String body, String by, Instant at) {
    jdbc.sql("INSERT INTO bulletin_template_version (part, version, body, saved_by, saved_at) VALUES (?, ?, ?, ?, ?)")
        .params(part.name(), base + 1, body, by, Timestamp.from(at)).update();
  }

  static TemplateVersion shipped(BulletinPart part) {
    try {
      String body = new ClassPathResource(part.resource()).getContentAsString(StandardCharsets.UTF_8);
      return new TemplateVersion(part, 0, body, null, null);
    } catch (IOException e) {
      throw new UncheckedIOException("default bulletin template missing: " + part.resource(), e);
    }
  }

  private static TemplateVersion row(ResultSet rs, int row) throws SQLException {
    return new TemplateVersion(BulletinPart.valueOf(rs.getString("part")), rs.getInt("version"), rs.getString("body"),
        rs.getString("saved_by"), rs.getTimestamp("saved_at").toInstant());
  }
}
