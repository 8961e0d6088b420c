package cn.liaison.platform.system;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Before each authorization check Camunda narrows the user's groups to those named in some authorization, and to know
 * them it reads the distinct group ids of the whole ACT_RU_AUTHORIZATION table once per command
 * ({@code SELECT distinct(A.GROUP_ID_) FROM ACT_RU_AUTHORIZATION A}). That table grows with the open tasks (each task
 * grants its candidate groups a row), so every command of a signed-in user scans it: three times per opinion loop,
 * 0.6 ms of PostgreSQL each with a few hundred rows (pg_stat_statements), and more with thousands of open tasks.
 * The narrowing decides nothing — a group with no authorization matches no row of the check — so here the checks take
 * the user's own groups (a handful per user) as they are. Every grant and revoke is checked exactly as before.
 */
@Component
class AuthorizationGroupCheck extends AbstractProcessEnginePlugin {

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.getSessionFactories().put(AuthorizationManager.class, new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }

      @Override
      public Session openSession() {
        return new WithUsersGroups();
      }
    });
  }

  static final class WithUsersGroups extends AuthorizationManager {
    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      if (authenticatedGroupIds == null || authenticatedGroupIds.isEmpty()) {
        return EMPTY_LIST;
      }
      // an ArrayList: MyBatis reads it by reflection (size(), get) in the checks' SQL
      return new ArrayList<>(authenticatedGroupIds.stream().filter(Objects::nonNull)
          .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
    }
  }
}
