package cn.liaison.platform.system;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * Which process instance a step runs in, as the engine knows it (never from a variable): the definition key,
 * the instance id and the business key. Features find their record from it.
 */
public record ProcessInstanceRef(String processKey, String processInstanceId, String businessKey) {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProcessInstanceRef.class);

  /** Refuses a step of another process than the one that owns the record (e.g. an analyst's own process). */
  public void require(String expectedProcessKey, String record) {
    if (!expectedProcessKey.equals(processKey)) {
      throw new ProcessEngineException(record + "只能由其自身的流程处理（流程 " + processKey + "）");
    }
  }

  /** True when an id variable, if set, names the record the process leads to (ids in variables are for display). */
  public static boolean agrees(Object idVariable, long recordId) {
    return idVariable == null || (idVariable instanceof Number n && n.longValue() == recordId);
  }

  /** The refusal of a step whose instance does not match its record, logged for the operators. */
  public ProcessEngineException mismatch(String record) {
    log.warn("process instance {} (business key {}) does not match its {}: step refused", processInstanceId,
        businessKey, record);
    return new ProcessEngineException("流程实例与" + record + "不一致（业务编号 " + businessKey + "），已拒绝执行");
  }

  public static ProcessInstanceRef of(DelegateExecution execution) {
    String key = execution instanceof ExecutionEntity e && e.getProcessDefinition() != null
        ? e.getProcessDefinition().getKey() : null;
    return new ProcessInstanceRef(key, execution.getProcessInstanceId(), execution.getProcessBusinessKey());
  }
}
