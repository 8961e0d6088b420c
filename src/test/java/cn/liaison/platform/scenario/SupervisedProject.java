package cn.liaison.platform.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A project under the deputies' supervision (项目督查, a 高标准农田 of the agriculture bureau by default), registered by
 * a town's station staff with two milestones (开工 on its first day, 竣工验收 on its last) and the rectification task
 * its inspections' problems go to.
 */
public final class SupervisedProject {

  private final CountyScenario county;
  private final Map<String, Object> body = new LinkedHashMap<>();

  SupervisedProject(CountyScenario county, String name) {
    this.county = county;
    body.put("code", "GBZ-" + CountyScenario.SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 1_000_000);
    body.put("name", name);
    body.put("kind", "HIGH_STANDARD_FARMLAND");
    body.put("town", "太平镇");
    body.put("department", CountyScenario.AGRICULTURE);
    body.put("contractor", "县农田建设工程公司");
  }

  public SupervisedProject code(String code) {
    body.put("code", code);
    return this;
  }

  /** From its start (开工) to its acceptance (竣工验收), the two milestones. */
  public SupervisedProject runs(String startsOn, String endsOn) {
    body.put("startsOn", startsOn);
    body.put("endsOn", endsOn);
    body.put("milestones", List.of(Map.of("name", "开工", "due", startsOn), Map.of("name", "竣工验收", "due", endsOn)));
    return this;
  }

  public SupervisedProject supervisedBy(String... deputies) {
    body.put("supervisingDeputies", List.of(deputies));
    return this;
  }

  /** The drive's task its inspections' problems are listed under. */
  public SupervisedProject problemsTo(String driveCode, String taskNo) {
    body.put("rectificationDrive", driveCode);
    body.put("rectificationTask", taskNo);
    return this;
  }

  /** The registration as POST /api/projects takes it. */
  public Map<String, Object> body() {
    return new LinkedHashMap<>(body);
  }

  /** Registered by the user (the town's station staff or the congress office): its code; its process runs. */
  public String registeredBy(String user) {
    return county.as(user).creates("/api/projects", body).path("code").asText();
  }
}
