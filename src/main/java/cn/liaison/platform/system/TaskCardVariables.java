package cn.liaison.platform.system;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * The variables a process's user tasks show on their Tasklist card or read-only in their form, set local to each task
 * when it is created, so that whoever may work the task may read them (a task's own variables need only the task, not
 * the process instance, which holds the other groups' work). They are copies — of the process's own variables or of
 * the platform's records — so {@link LeanVariableHistory} writes no history for them: the originals have theirs.
 * Declare one bean per process; never list a variable a form submits or a decision reads.
 */
public record TaskCardVariables(String processKey, Set<String> names) {

  public TaskCardVariables {
    names = Set.copyOf(names);
  }

  public static TaskCardVariables of(String processKey, String... names) {
    return new TaskCardVariables(processKey, Set.of(names));
  }

  /** Copies the named variables, as the task sees them now, local to the task. */
  public static void copy(DelegateTask task, String... names) {
    NewTaskVariables.startEmpty(task);
    for (String name : names) {
      task.setVariableLocal(name, task.getVariable(name));
    }
  }
}
