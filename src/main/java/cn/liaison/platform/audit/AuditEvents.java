package cn.liaison.platform.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The audit_event table: rows are added, never changed or deleted (no statement here does either). */
@Repository
class AuditEvents {

  private final JdbcClient jdbc;

  AuditEvents(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void append(Instant at, String actor, AuditAction action, boolean refused, AuditSubject subject, String station,
      String summary, String detail, String clientAddress) {
    jdbc.sql("INSERT INTO audit_event (occurred_at, actor, action, outcome, subject_type, subject_ref, station_code, "
            + "summary, detail, client_address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(Timestamp.from(at), cut(actor, 64), action.name(), refused ? "REFUSED" : "DONE",
            subject.kind().name(), cut(subject.ref(), 200), cut(station, 64), cut(summary, 300), cut(detail, 4000),
            cut(clientAddress, 64))
        .update();
  }

  /** One page of the rows that match, newest first. */
  List<AuditEvent> find(AuditFilter f, int offset, int limit) {
    List<Object> params = new ArrayList<>();
    String where = where(f, params);
    params.add(limit);
    params.add(offset);
    return jdbc.sql("SELECT * FROM audit_event" + where + " ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?")
        .params(params).query(AuditEvents::row).list();
  }

  long count(AuditFilter f) {
    List<Object> params = new ArrayList<>();
    return jdbc.sql("SELECT COUNT(*) FROM audit_event" + where(f, params)).params(params).query(Long.class).single();
  }

  private static String where(AuditFilter f, List<Object> params) {
    List<String> clauses = new ArrayList<>();
    if (f.from() != null) {
      clauses.add("occurred_at >= ?");
      params.add(Timestamp.from(f.from()));
    }
    if (f.until() != null) {
      clauses.add("occurred_at < ?");
      params.add(Timestamp.from(f.until()));
    }
    if (f.user() != null) {
      clauses.add("actor = ?");
      params.add(f.user());
    }
    if (f.action() != null) {
      clauses.add("action = ?");
      params.add(f.action().name());
    }
    if (f.subject() != null) {
      // a ticket, a household number, a code: the reference itself or its beginning ("lz-2026/" = a campaign's)
      clauses.add("(subject_ref = ? OR subject_ref LIKE ? ESCAPE '\\')");
      params.add(f.subject());
      params.add(f.subject().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }
    if (f.station() != null) {
      clauses.add("station_code = ?");
      params.add(f.station());
    }
    return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
  }

  private static AuditEvent row(ResultSet rs, int n) throws SQLException {
    return new AuditEvent(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"),
        AuditAction.valueOf(rs.getString("action")), "REFUSED".equals(rs.getString("outcome")),
        AuditSubject.Kind.valueOf(rs.getString("subject_type")), rs.getString("subject_ref"),
        rs.getString("station_code"), rs.getString("summary"), rs.getString("detail"), rs.getString("client_address"));
  }

  private static String cut(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
  }
}
