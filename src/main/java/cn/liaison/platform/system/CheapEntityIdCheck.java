package cn.liaison.platform.system;

import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.PersistenceSession;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManagerFactory;
import org.springframework.stereotype.Component;

/**
 * Camunda checks the id of every row it inserts (not null, not "*") and builds the error message first, from the
 * entity's {@code toString()} (a historic variable prints its name, value and ten ids): a tenth of the engine's
 * CPU when thousands of households start (JFR: {@code DbEntityManager.validateId} →
 * {@code HistoricVariableInstanceEntity.toString}). This entity manager makes the same check and leaves the
 * message to Camunda's own method when the check fails.
 */
@Component
class CheapEntityIdCheck extends AbstractProcessEnginePlugin {

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.getSessionFactories().put(DbEntityManager.class,
        new Factory(configuration.getIdGenerator()));
  }

  static final class Factory extends DbEntityManagerFactory {
    Factory(IdGenerator idGenerator) {
      super(idGenerator);
    }

    @Override
    public DbEntityManager openSession() {
      return new EntityManager(idGenerator, Context.getCommandContext().getSession(PersistenceSession.class));
    }
  }

  static final class EntityManager extends DbEntityManager {
    EntityManager(IdGenerator idGenerator, PersistenceSession persistenceSession) {
      super(idGenerator, persistenceSession);
    }

    @Override
    protected void validateId(DbEntity dbEntity) {
      String id = dbEntity.getId();
      if (id == null || Authorization.ANY.equals(id)) {
        super.validateId(dbEntity);
      }
    }
  }
}
