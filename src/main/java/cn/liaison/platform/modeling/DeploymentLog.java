package cn.liaison.platform.modeling;

import cn.liaison.platform.audit.AuditAction;
import cn.liaison.platform.audit.AuditSubject;
import cn.liaison.platform.audit.AuditTrail;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.cmd.DeployCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.repository.DeploymentBuilderImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Who deployed what: every deployment command, accepted (INFO, after it was stored) or refused (WARN, with the
 * reason: the model check's, a missing permission's, a parse error's). Wraps the engine's commands outermost,
 * so it also sees the refusals that happen before any deployer runs (403).
 */
class DeploymentLog extends CommandInterceptor {

  static final Logger log = LoggerFactory.getLogger("cn.liaison.platform.modeling.Deployments");

  private final IdentityService identityService;
  private final ObjectProvider<AuditTrail> audit;

  DeploymentLog(IdentityService identityService, ObjectProvider<AuditTrail> audit) {
    this.identityService = identityService;
    this.audit = audit;
  }

  @Override
  public <T> T execute(Command<T> command) {
    if (!(command instanceof DeployCmd)) {
      return next.execute(command);
    }
    String user = who();
    try {
      T result = next.execute(command);
      if (result instanceof DeploymentEntity deployment && deployment.isNew()) {
        log.info("模型部署已接受 (deployment accepted): user={} name={} source={} resources={} id={}",
            user, deployment.getName(), deployment.getSource(), names(deployment.getResources().keySet()),
            deployment.getId());
      } else if (result instanceof DeploymentEntity deployment) {
        // nothing changed (duplicate filtering): the engine answers with the existing deployment, nothing new
        log.info("模型部署无变化 (deployment unchanged, nothing deployed): user={} name={} source={} existing id={}",
            user, deployment.getName(), deployment.getSource(), deployment.getId());
      }
      return result;
    } catch (RuntimeException e) {
      DeploymentEntity requested = requested((DeployCmd) command);
      log.warn("模型部署被拒绝 (deployment refused): user={} name={} source={} resources={} reason: {}",
          user, requested == null ? null : requested.getName(), requested == null ? null : requested.getSource(),
          requested == null ? "?" : requestedNames(requested),
          e.getMessage() == null ? e.toString() : e.getMessage().replace('\n', ' '));
      recordRefusal(user, requested, e);
      throw e;
    }
  }

  /**
   * The refusal in the audit trail. This interceptor sits outside the engine's transaction, which has rolled back by
   * now, so the row goes into a transaction of its own. A failure to write it must not hide the refusal's answer.
   */
  private void recordRefusal(String user, DeploymentEntity requested, RuntimeException refusal) {
    try {
      String reason = refusal.getMessage() == null ? refusal.getClass().getSimpleName()
          : refusal.getMessage().replace('\n', ' ');
      int check = reason.indexOf("模型未通过");
      reason = check > 0 ? reason.substring(check) : reason; // the model check's words, without the engine's prefix
      audit.getObject().refusedInOwnTransaction("(platform)".equals(user) ? AuditTrail.SYSTEM : user,
          AuditAction.DEPLOYMENT, AuditSubject.deployment(DeploymentAudit.nameOf(requested)),
          "部署被拒绝：" + DeploymentAudit.nameOf(requested), "资源：" + (requested == null || requested.getResources() == null ? "?"
              : DeploymentAudit.names(requested.getResources().keySet()))
              + "；原因：" + reason);
    } catch (RuntimeException e) {
      log.error("could not record the refused deployment in the audit trail", e);
    }
  }

  static String refusalMessage(List<Violation> violations) {
    return "模型未通过平台的安全检查（" + violations.size() + " 处），未部署：\n"
        + violations.stream().map(v -> "- " + v.describe()).collect(Collectors.joining("\n"))
        + "\n规则见 processes/README.md。";
  }

  /** The authenticated user (REST: the HTTP Basic user); the platform itself (its start-up deployment) when none. */
  private String who() {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication == null || authentication.getUserId() == null ? "(platform)" : authentication.getUserId();
  }

  /** What was asked to be deployed. DeployCmd keeps its builder to itself, so it is read from the field. */
  private static DeploymentEntity requested(DeployCmd command) {
    try {
      Field builder = DeployCmd.class.getDeclaredField("deploymentBuilder");
      builder.setAccessible(true);
      return ((DeploymentBuilderImpl) builder.get(command)).getDeployment();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static String requestedNames(DeploymentEntity requested) {
    try {
      return requested.getResources() == null ? "[]" : names(requested.getResources().keySet());
    } catch (RuntimeException e) {
      return "?";
    }
  }

  private static String names(Collection<String> resources) {
    return new TreeSet<>(resources).toString();
  }
}
