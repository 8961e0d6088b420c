package cn.liaison.platform.system;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * Which process instance a step runs in, as the engine knows it (never from a variable): the definition key,
 * the instance id and the business key. Features find their record from it.
 */
public record ProcessInstanceRef(String processKey, String processInstanceId, String businessKey) {

  public static ProcessInstanceRef of(DelegateExecution execution) {
    String key = execution instanceof ExecutionEntity e && e.getProcessDefinition() != null
        ? e.getProcessDefinition().getKey() : null;
    return new ProcessInstanceRef(key, execution.getProcessInstanceId(), execution.getProcessBusinessKey());
  }
}
