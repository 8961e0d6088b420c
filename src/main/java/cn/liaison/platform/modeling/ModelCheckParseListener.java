package cn.liaison.platform.modeling;

import java.util.List;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Checks every BPMN document of a new deployment once the engine has parsed it, before anything of it is
 * stored or run: the whole document is walked ({@link BpmnRules}), and a violation fails the parse with a
 * {@link BpmnParseException}, which Camunda's REST API answers with 400 and the message.
 *
 * <p>Models deployed before (the engine parses them again after a restart, when a running instance needs
 * them) are not checked again: refusing them would break the instances running on them.
 */
class ModelCheckParseListener extends AbstractBpmnParseListener {

  private final BpmnRules rules;

  ModelCheckParseListener(BpmnRules rules) {
    this.rules = rules;
  }

  @Override
  public void parseRootElement(Element rootElement, List<ProcessDefinitionEntity> processDefinitions) {
    DeploymentEntity deployment = deploymentOf(processDefinitions);
    if (deployment != null && !deployment.isNew()) {
      return;
    }
    List<Violation> violations = rules.check(rootElement);
    if (violations.isEmpty()) {
      return;
    }
    throw new BpmnParseException(DeploymentLog.refusalMessage(violations),
        elementWithId(rootElement, violations.get(0).elementId()));
  }

  private static DeploymentEntity deploymentOf(List<ProcessDefinitionEntity> processDefinitions) {
    CommandContext commandContext = Context.getCommandContext();
    if (processDefinitions.isEmpty() || commandContext == null) {
      return null;
    }
    // the deployment being parsed is in this command's entity cache: inserted if new, loaded if not
    return commandContext.getDbEntityManager()
        .getCachedEntity(DeploymentEntity.class, processDefinitions.get(0).getDeploymentId());
  }

  private static Element elementWithId(Element root, String id) {
    Element found = find(root, id);
    return found == null ? root : found;
  }

  private static Element find(Element element, String id) {
    if (id == null || id.equals(element.attribute("id"))) {
      return element;
    }
    for (Element child : element.elements()) {
      Element found = find(child, id);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
