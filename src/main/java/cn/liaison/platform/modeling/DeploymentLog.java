package cn.liaison.platform.modeling;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Who deployed what: every new deployment, accepted (INFO) or refused by the model check (WARN). */
final class DeploymentLog {

  private static final Logger log = LoggerFactory.getLogger("cn.liaison.platform.modeling.Deployments");

  private DeploymentLog() {}

  static void accepted(DeploymentEntity deployment) {
    log.info("模型部署已接受 (deployment accepted): user={} name={} source={} resources={} id={}",
        who(), deployment.getName(), deployment.getSource(), resources(deployment), deployment.getId());
  }

  static void refused(DeploymentEntity deployment, List<Violation> violations) {
    log.warn("模型部署被拒绝 (deployment refused): user={} name={} source={} resources={} reasons: {}",
        who(), deployment == null ? null : deployment.getName(), deployment == null ? null : deployment.getSource(),
        deployment == null ? null : resources(deployment),
        violations.stream().map(Violation::describe).collect(Collectors.joining("; ")));
  }

  static String refusalMessage(List<Violation> violations) {
    return "模型未通过平台的安全检查（" + violations.size() + " 处），未部署：\n"
        + violations.stream().map(v -> "- " + v.describe()).collect(Collectors.joining("\n"))
        + "\n规则见 processes/README.md。";
  }

  /** The authenticated user of the command (REST: the HTTP Basic user); the platform itself when none. */
  static String who() {
    CommandContext commandContext = Context.getCommandContext();
    String user = commandContext == null ? null : commandContext.getAuthenticatedUserId();
    return user == null ? "(platform)" : user;
  }

  private static String resources(DeploymentEntity deployment) {
    return deployment.getResources() == null ? "[]" : new TreeSet<>(deployment.getResources().keySet()).toString();
  }
}
