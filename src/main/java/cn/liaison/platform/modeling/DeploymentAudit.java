package cn.liaison.platform.modeling;

import cn.liaison.platform.audit.AuditAction;
import cn.liaison.platform.audit.AuditSubject;
import cn.liaison.platform.audit.AuditTrail;
import java.util.Collection;
import java.util.TreeSet;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The audit row of an accepted deployment, written by the last deployer, inside the deployment's transaction (a
 * deployment that fails later leaves no "accepted" row). Refusals are recorded by {@link DeploymentLog}, in a
 * transaction of their own, since the refused deployment's rolls back.
 */
class DeploymentAudit implements Deployer {

  /** Looked up at the first deployment: the audit trail's beans need not exist while the engine is built. */
  private final ObjectProvider<AuditTrail> audit;

  DeploymentAudit(ObjectProvider<AuditTrail> audit) {
    this.audit = audit;
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return;
    }
    CommandContext context = Context.getCommandContext();
    String user = context == null ? null : context.getAuthenticatedUserId();
    audit.getObject().recordBy(user == null ? AuditTrail.SYSTEM : user, AuditAction.DEPLOYMENT,
        AuditSubject.deployment(deployment.getId()), null, "部署已接受：" + nameOf(deployment),
        "资源：" + names(deployment.getResources() == null ? java.util.List.of() : deployment.getResources().keySet())
            + (deployment.getSource() == null ? "" : "；来源：" + deployment.getSource()));
  }

  static String nameOf(DeploymentEntity deployment) {
    return deployment == null || deployment.getName() == null ? "（未命名）" : deployment.getName();
  }

  /** The resources' names; the platform's own start-up deployment names files by their path: from processes/ on. */
  static String names(Collection<String> resources) {
    TreeSet<String> names = new TreeSet<>();
    for (String resource : resources) {
      int models = resource.lastIndexOf("processes/");
      names.add(models > 0 ? resource.substring(models) : resource);
    }
    return String.join("、", names);
  }
}
