package cn.liaison.platform.supervision;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Counts the lights the engine keeps (its runtime variables: one per open item, the task-local copies left out), so
 * the figures are those of this moment whatever period the statistics ask about.
 */
@Service
public class SupervisionCounts {

  private final JdbcClient jdbc;
  private final SupervisionLights lights;

  SupervisionCounts(JdbcClient jdbc, SupervisionLights lights) {
    this.jdbc = jdbc;
    this.lights = lights;
  }

  /**
   * The lights of the items of these stations (each station's code and its staff group, as the processes name it;
   * null = every item, also those of no station). One query for all kinds: the lights through Camunda's index on
   * (TASK_ID_, NAME_) — TASK_ID_ IS NULL leaves out the task-local copies — and, for a station filter, the items'
   * station variables the same way, joined by hash (the derived tables keep PostgreSQL from looking up every variable
   * of each item instead).
   */
  public LightCounts count(Collection<String> stationValues) {
    List<SupervisedDeadline> kinds = new ArrayList<>(lights.deadlines().values());
    kinds.sort(Comparator.comparing(SupervisedDeadline::kind));
    Map<String, long[]> byKey = new HashMap<>();
    List<SupervisedDeadline> counted = kinds.stream()
        .filter(k -> stationValues == null || (k.stationVariable() != null && !stationValues.isEmpty())).toList();
    if (!counted.isEmpty()) {
      Map<String, Object> params = new HashMap<>();
      params.put("name", SupervisionLight.VAR);
      params.put("keys", counted.stream().map(SupervisedDeadline::processKey).toList());
      String sql = "select l.KEY_ as process_key, l.TEXT_ as light, count(*) as n from (select d.KEY_, v.PROC_INST_ID_,"
          + " v.TEXT_ from ACT_RU_VARIABLE v join ACT_RE_PROCDEF d on d.ID_ = v.PROC_DEF_ID_"
          + " where v.TASK_ID_ is null and v.NAME_ = :name and d.KEY_ in (:keys) offset 0 rows) l";
      if (stationValues != null) {
        StringBuilder pairs = new StringBuilder("case l.KEY_");
        for (int i = 0; i < counted.size(); i++) {
          pairs.append(" when :key").append(i).append(" then :var").append(i);
          params.put("key" + i, counted.get(i).processKey());
          params.put("var" + i, counted.get(i).stationVariable());
        }
        sql += " join (select distinct PROC_INST_ID_, NAME_ from ACT_RU_VARIABLE where TASK_ID_ is null"
            + " and NAME_ in (:stationVariables) and TEXT_ in (:stations)) s on s.PROC_INST_ID_ = l.PROC_INST_ID_"
            + " and s.NAME_ = " + pairs + " end";
        params.put("stationVariables", counted.stream().map(SupervisedDeadline::stationVariable).distinct().toList());
        params.put("stations", stationValues);
      }
      jdbc.sql(sql + " group by l.KEY_, l.TEXT_").paramSource(params).query((rs, row) -> {
        SupervisionLight light = SupervisionLight.of(rs.getString("light"));
        if (light != null) {
          byKey.computeIfAbsent(rs.getString("process_key"), k -> new long[SupervisionLight.values().length])
              [light.ordinal()] += rs.getLong("n");
        }
        return null;
      }).list();
    }
    Map<String, LightCounts.Count> byKind = new LinkedHashMap<>();
    LightCounts.Count total = new LightCounts.Count("合计", 0, 0, 0);
    for (SupervisedDeadline kind : kinds) {
      long[] c = byKey.getOrDefault(kind.processKey(), new long[SupervisionLight.values().length]);
      LightCounts.Count count = new LightCounts.Count(kind.kindName(), c[0], c[1], c[2]);
      byKind.put(kind.kind(), count);
      total = total.plus(count);
    }
    return new LightCounts(byKind, total);
  }

  /**
   * The light of one item, found by its business key (受理编号, 建议编号, 问题编号): the most severe of its lights (a
   * proposal has one per handling unit still to answer), null when it has none.
   */
  public SupervisionLight lightOf(String businessKey) {
    return jdbc.sql("select v.TEXT_ from ACT_RU_VARIABLE v join ACT_RU_EXECUTION e on e.ID_ = v.PROC_INST_ID_"
        + " where e.BUSINESS_KEY_ = :key and v.NAME_ = :name and v.TASK_ID_ is null")
        .param("key", businessKey).param("name", SupervisionLight.VAR).query(String.class).list().stream()
        .map(SupervisionLight::of).filter(java.util.Objects::nonNull).reduce(SupervisionLight::max).orElse(null);
  }
}
