package cn.liaison.platform.modeling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;

/**
 * Runs before the engine's own deployers on every new deployment: only BPMN, DMN and Camunda Forms files are
 * accepted (no CMMN, embedded HTML forms or scripts), and every DMN file must pass {@link DmnRules}. A refusal
 * is a {@link ParseException} naming the resource and the elements, which Camunda's REST API answers with 400.
 * BPMN files are checked by {@link ModelCheckParseListener} while the engine parses them.
 */
class ResourceCheckDeployer implements Deployer {

  static final List<String> BPMN = List.of(".bpmn", ".bpmn20.xml");
  static final List<String> DMN = List.of(".dmn", ".dmn11.xml");
  static final List<String> FORMS = List.of(".form");

  private final DmnRules dmnRules;

  ResourceCheckDeployer(DmnRules dmnRules) {
    this.dmnRules = dmnRules;
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew() || deployment.getResources() == null) {
      return;
    }
    for (Map.Entry<String, ResourceEntity> entry : deployment.getResources().entrySet()) {
      String name = entry.getKey();
      List<Violation> violations = check(name, entry.getValue().getBytes());
      if (!violations.isEmpty()) {
        List<Problem> problems = new ArrayList<>();
        violations.forEach(v -> problems.add(new ModelProblem(v.describe(), v.elementId())));
        throw new ParseException(DeploymentLog.refusalMessage(violations) + " | resource " + name, name, problems,
            List.of());
      }
    }
  }

  List<Violation> check(String resourceName, byte[] content) {
    String name = resourceName.toLowerCase(Locale.ROOT);
    if (endsWithAny(name, DMN)) {
      return dmnRules.check(content);
    }
    if (endsWithAny(name, BPMN) || endsWithAny(name, FORMS)) {
      return List.of();
    }
    return List.of(new Violation(resourceName,
        "不接受这种文件：分析人员只能部署 BPMN（.bpmn）、DMN（.dmn）和 Camunda 表单（.form）；"
            + "CMMN、HTML 表单和脚本文件可以执行代码"));
  }

  private static boolean endsWithAny(String name, List<String> suffixes) {
    return suffixes.stream().anyMatch(name::endsWith);
  }

  /** A refusal as Camunda's REST API reports parse problems (details → resource → errors). */
  record ModelProblem(String message, String mainElementId) implements Problem {
    @Override
    public String getMessage() {
      return message;
    }

    @Override
    public int getLine() {
      return 0;
    }

    @Override
    public int getColumn() {
      return 0;
    }

    @Override
    public String getMainElementId() {
      return mainElementId;
    }

    @Override
    public List<String> getElementIds() {
      return mainElementId == null ? List.of() : List.of(mainElementId);
    }
  }
}
