package cn.liaison.platform.opinion;

import cn.liaison.platform.system.ReferenceDataCache;
import cn.liaison.platform.system.TransactionMemo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Triage categories (table opinion_category); the DMN table opinion-triage routes each code. */
@Repository
public class Categories {

  public record Category(String code, String name) {}

  private final JdbcClient jdbc;
  private final ReferenceDataCache<Category> byCode;

  Categories(JdbcClient jdbc, @Value("${liaison.reference-data-ttl:10s}") Duration referenceDataTtl) {
    this.jdbc = jdbc;
    this.byCode = new ReferenceDataCache<>(referenceDataTtl);
  }

  public List<Category> findActive() {
    return jdbc.sql("SELECT code, name FROM opinion_category WHERE active ORDER BY sort_order, code")
        .query((rs, i) -> new Category(rs.getString("code"), rs.getString("name"))).list();
  }

  /**
   * The active category, read once per transaction (a step of the loop asks in its listeners and its delegate) and
   * kept for {@code liaison.reference-data-ttl} ({@link ReferenceDataCache}; categories change by migration only).
   */
  public Optional<Category> find(String code) {
    return TransactionMemo.get("category:" + code, () -> byCode.get(code, () -> jdbc.sql(
        "SELECT code, name FROM opinion_category WHERE code = ? AND active").param(code)
        .query((rs, i) -> new Category(rs.getString("code"), rs.getString("name"))).optional()));
  }

  public String nameOf(String code) {
    return find(code).map(Category::name).orElse(code);
  }
}
