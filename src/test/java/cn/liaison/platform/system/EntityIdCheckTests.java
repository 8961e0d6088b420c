package cn.liaison.platform.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.liaison.platform.PlatformTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyEntity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The engine still refuses a row with the reserved id "*" (a row without an id gets one), as Camunda's check does. */
@PlatformTest
class EntityIdCheckTests {

  @Autowired ProcessEngine engine;

  @Test
  void aRowWithoutAnIdOrWithTheReservedIdIsRefusedWithCamundasMessage() {
    var commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired();
    DbEntityManager manager = commands.execute(c -> c.getSession(DbEntityManager.class));
    assertThat((Object) manager)
        .isInstanceOf(CheapEntityIdCheck.EntityManager.class);
    assertThatThrownBy(() -> commands.execute(c -> {
      c.getDbEntityManager().insert(new PropertyEntity("*", "value"));
      return null;
    })).isInstanceOf(ProcessEngineException.class).hasMessageContaining("Entity PropertyEntity")
        .hasMessageContaining("is a reserved identifier");
  }
}
