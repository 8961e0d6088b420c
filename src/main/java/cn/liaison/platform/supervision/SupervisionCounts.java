package cn.liaison.platform.supervision;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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
   * null = every item, also those of no station).
   */
  public LightCounts count(Collection<String> stationValues) {
    Map<String, LightCounts.Count> byKind = new LinkedHashMap<>();
    LightCounts.Count total = new LightCounts.Count("合计", 0, 0, 0);
    List<SupervisedDeadline> kinds = new ArrayList<>(lights.deadlines().values());
    kinds.sort(Comparator.comparing(SupervisedDeadline::kind));
    for (SupervisedDeadline kind : kinds) {
      LightCounts.Count count = count(kind, stationValues);
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

  private LightCounts.Count count(SupervisedDeadline kind, Collection<String> stationValues) {
    long[] byColour = new long[SupervisionLight.values().length];
    if (stationValues != null && (kind.stationVariable() == null || stationValues.isEmpty())) {
      return new LightCounts.Count(kind.kindName(), 0, 0, 0);
    }
    String sql = "select v.TEXT_ as light, count(*) as n from ACT_RU_VARIABLE v"
        + " join ACT_RE_PROCDEF d on d.ID_ = v.PROC_DEF_ID_"
        + " where v.NAME_ = :name and v.TASK_ID_ is null and d.KEY_ = :key";
    if (stationValues != null) {
      sql += " and exists (select 1 from ACT_RU_VARIABLE s where s.PROC_INST_ID_ = v.PROC_INST_ID_"
          + " and s.NAME_ = :stationVariable and s.TASK_ID_ is null and s.TEXT_ in (:stations))";
    }
    var statement = jdbc.sql(sql + " group by v.TEXT_").param("name", SupervisionLight.VAR)
        .param("key", kind.processKey());
    if (stationValues != null) {
      statement = statement.param("stationVariable", kind.stationVariable()).param("stations", stationValues);
    }
    statement.query((rs, row) -> {
      SupervisionLight light = SupervisionLight.of(rs.getString("light"));
      if (light != null) {
        byColour[light.ordinal()] += rs.getLong("n");
      }
      return null;
    }).list();
    return new LightCounts.Count(kind.kindName(), byColour[0], byColour[1], byColour[2]);
  }
}
