package cn.liaison.platform.evidence;

import cn.liaison.platform.evidence.EvidencePhoto.Stage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The evidence photos (table evidence_photo): their one writer. */
@Repository
class EvidencePhotos {

  private static final String COLUMNS = "id, subject_kind, subject_id, stage, content_type, size_bytes, uploaded_by, "
      + "uploaded_at";

  private final JdbcClient jdbc;

  EvidencePhotos(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<EvidencePhoto> bySha(String kind, String subjectId, String sha256) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM evidence_photo "
        + "WHERE subject_kind = ? AND subject_id = ? AND sha256 = ?")
        .params(kind, subjectId, sha256).query(EvidencePhotos::photo).optional();
  }

  long insert(String kind, String subjectId, Stage stage, String contentType, byte[] content, String sha256,
      String by, Instant now) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO evidence_photo (subject_kind, subject_id, stage, content_type, size_bytes, sha256, content, "
        + "uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(kind, subjectId, stage.name(), contentType, content.length, sha256, content, by, Timestamp.from(now))
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  List<EvidencePhoto> of(String kind, String subjectId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM evidence_photo WHERE subject_kind = ? AND subject_id = ? ORDER BY id")
        .params(kind, subjectId).query(EvidencePhotos::photo).list();
  }

  Map<String, Integer> counts(String kind, List<String> subjectIds) {
    if (subjectIds.isEmpty()) {
      return Map.of();
    }
    String marks = String.join(", ", java.util.Collections.nCopies(subjectIds.size(), "?"));
    var params = new java.util.ArrayList<Object>();
    params.add(kind);
    params.addAll(subjectIds);
    return jdbc.sql("SELECT subject_id, COUNT(*) FROM evidence_photo WHERE subject_kind = ? AND subject_id IN ("
        + marks + ") GROUP BY subject_id").params(params)
        .query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2))).list().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  Optional<EvidencePhoto> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM evidence_photo WHERE id = ?").param(id).query(EvidencePhotos::photo)
        .optional();
  }

  byte[] content(long id) {
    return jdbc.sql("SELECT content FROM evidence_photo WHERE id = ?").param(id).query((rs, n) -> rs.getBytes(1))
        .single();
  }

  private static EvidencePhoto photo(ResultSet rs, int n) throws SQLException {
    return new EvidencePhoto(rs.getLong("id"), rs.getString("subject_kind"), rs.getString("subject_id"),
        Stage.valueOf(rs.getString("stage")), rs.getString("content_type"), rs.getInt("size_bytes"),
        rs.getString("uploaded_by"), rs.getTimestamp("uploaded_at").toInstant());
  }
}
