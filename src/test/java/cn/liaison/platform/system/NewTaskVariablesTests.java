package cn.liaison.platform.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.junit.jupiter.api.Test;

/**
 * A task being created has nothing in the database to read: its create listeners set its card copies without a
 * query (the card copies themselves are checked by the processes' tests). Outside a command the engine's own lookup has no database to ask, so reading an untouched store fails —
 * which tells the two apart (and this fails first should a Camunda version rename the store).
 */
class NewTaskVariablesTests {

  @Test
  void aTaskBeingCreatedStartsWithNoVariablesAndReadsNothing() {
    TaskEntity task = new TaskEntity();
    task.setEventName(TaskListener.EVENTNAME_CREATE);

    NewTaskVariables.startEmpty(task);

    assertThat(task.getVariablesLocal()).isEmpty();
    assertThat(task.hasVariableLocal("ticketNo")).isFalse();
  }

  @Test
  void aTaskPastItsCreationStillReadsItsVariablesFromTheEngine() {
    TaskEntity task = new TaskEntity();
    task.setEventName(TaskListener.EVENTNAME_COMPLETE);

    NewTaskVariables.startEmpty(task);

    assertThatThrownBy(task::getVariablesLocal).as("the engine's lookup, which needs a command")
        .isInstanceOf(NullPointerException.class);
  }
}
