package cn.liaison.platform.system;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableCollectionProvider;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableStore;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task being created has no variables in the database yet, but Camunda asks the database anyway on the first
 * variable call (one ACT_RU_VARIABLE query per task: TaskEntity's store loads lazily). The engine starts its new
 * executions with an empty store ({@code VariableCollectionProvider.emptyVariables()}); this does the same for a
 * task in its create listeners, before the card copies ({@link TaskCardVariables}, the 三色督办 light) are set.
 * The store is a protected field of TaskEntity: should a Camunda version rename it, nothing changes but the query.
 */
public final class NewTaskVariables {

  private static final Logger log = LoggerFactory.getLogger(NewTaskVariables.class);
  private static final VarHandle STORE = storeHandle();

  private NewTaskVariables() {}

  /** Only on the create event, only while the task's variables have not been read or set yet. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public static void startEmpty(DelegateTask task) {
    if (STORE == null || !(task instanceof TaskEntity entity)
        || !TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      return;
    }
    VariableStore store = (VariableStore) STORE.get(entity);
    if (store != null && !store.isInitialized()) {
      store.setVariablesProvider(VariableCollectionProvider.emptyVariables());
    }
  }

  private static VarHandle storeHandle() {
    try {
      return MethodHandles.privateLookupIn(TaskEntity.class, MethodHandles.lookup())
          .findVarHandle(TaskEntity.class, "variableStore", VariableStore.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.info("TaskEntity.variableStore not found: a created task's variables are read once more ({})", e.toString());
      return null;
    }
  }
}
