package cn.liaison.platform.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Two narrowings of Camunda's authorization checks, each deciding exactly what the engine's own check decides:
 * <ul>
 * <li><b>The user's groups as they are.</b> Before each check Camunda narrows the user's groups to those named in some
 * authorization, and to know them it reads the distinct group ids of the whole ACT_RU_AUTHORIZATION table once per
 * command ({@code SELECT distinct(A.GROUP_ID_) FROM ACT_RU_AUTHORIZATION A}). That table grows with the open tasks
 * (each task grants its candidate groups a row), so every command of a signed-in user scans it. The narrowing decides
 * nothing — a group with no authorization matches no row of the check — so here the checks take the user's own
 * groups (a handful per user) as they are.</li>
 * <li><b>A plain query when no revoke applies.</b> An explicit check ("may this user work this task?": TASK_WORK or
 * UPDATE on the task, or TASK_WORK or UPDATE_TASK on its process definition, at every completion) is one SQL
 * statement that MyBatis assembles per call from a dynamic template: a CASE of eight EXISTS per permission, built by
 * OGNL — the largest share of the JVM's CPU per task completion (JFR: {@code DynamicSqlSource.getBoundSql} under
 * {@code AuthorizationCommandChecker.checkTaskWork}). When no revoke exists for the user, his groups or everyone —
 * Camunda asks that once per command ({@code selectRevokeAuthorization}) and leaves the revoke branches out of the
 * statement — that CASE reduces to "some grant (the user's, a group's, or a global one) holds the permission on the
 * resource or on all resources of its type". Here that is one fixed query reading the few matching rows, and the
 * permission bits are tested in Java; the same query asks whether a revoke is in play, if the command has not asked
 * yet. With any revoke in play, or for a check this does not cover (checks of a query
 * parameter, nested checks, a check with its own "not found" value), Camunda's own statement decides.</li>
 * </ul>
 * AuthorizationGroupCheckTests compares both with Camunda's own checks, revokes included.
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
    /** The resource type of the row that says a revoke is in play (no resource has a negative type). */
    private static final int REVOKE_MARK = -1;

    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      if (authenticatedGroupIds == null || authenticatedGroupIds.isEmpty()) {
        return EMPTY_LIST;
      }
      // an ArrayList: MyBatis reads it by reflection (size(), get) in the checks' SQL
      return new ArrayList<>(authenticatedGroupIds.stream().filter(Objects::nonNull)
          .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
    }

    @Override
    public boolean isAuthorized(String userId, List<String> groupIds, PermissionCheck permissionCheck) {
      if (!isAuthorizationEnabled()) {
        return true;
      }
      Boolean decided = isResourceValidForPermission(permissionCheck) && grantsMayDecide(userId, permissionCheck)
          ? granted(userId, filterAuthenticatedGroupIds(groupIds), List.of(permissionCheck), true) : null;
      return decided != null ? decided : super.isAuthorized(userId, groupIds, permissionCheck);
    }

    @Override
    public boolean isAuthorized(String userId, List<String> groupIds, CompositePermissionCheck check) {
      List<PermissionCheck> atomic = check.getAtomicChecks();
      boolean plain = (check.getCompositeChecks() == null || check.getCompositeChecks().isEmpty())
          && atomic != null && !atomic.isEmpty();
      if (plain) {
        for (PermissionCheck permissionCheck : atomic) {
          if (!isResourceValidForPermission(permissionCheck) || !grantsMayDecide(userId, permissionCheck)) {
            plain = false;
            break;
          }
        }
      }
      Boolean decided = plain ? granted(userId, filterAuthenticatedGroupIds(groupIds), atomic, check.isDisjunctive())
          : null;
      return decided != null ? decided : super.isAuthorized(userId, groupIds, check);
    }

    /** True when grants may decide the check (unless a revoke is in play): a named user and a named resource. */
    private static boolean grantsMayDecide(String userId, PermissionCheck check) {
      return userId != null && check.getResourceIdQueryParam() == null
          && check.getAuthorizationNotFoundReturnValue() == null;
    }

    /**
     * Camunda's check without revokes: a check holds when a grant of the user or of one of his groups (type 1), or a
     * global authorization (type 0, user "*"), has all of the check's permission bits on its resource type and on its
     * resource id or "*". Disjunctive: one check holding is enough; conjunctive: all must hold. Null when a revoke is
     * in play (Camunda's own statement decides then). Whether one is — Camunda's {@code selectRevokeAuthorization},
     * asked once per command — is asked in the same statement when the command has not asked it yet: one round trip
     * per completion instead of two. The answer is kept for the command, as Camunda keeps its own.
     */
    Boolean granted(String userId, List<String> groupIds, List<PermissionCheck> checks, boolean disjunctive) {
      Boolean revokes = isRevokeAuthCheckUsed;
      if (revokes == null) {
        String mode = Context.getProcessEngineConfiguration().getAuthorizationCheckRevokes();
        if (ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_ALWAYS.equalsIgnoreCase(mode)) {
          revokes = isRevokeAuthCheckUsed = true;
        } else if (ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_NEVER.equalsIgnoreCase(mode)) {
          revokes = isRevokeAuthCheckUsed = false;
        }
      }
      if (Boolean.TRUE.equals(revokes)) {
        return null;
      }
      boolean askRevokes = revokes == null;
      String table = Context.getProcessEngineConfiguration().getDatabaseTablePrefix() + "ACT_RU_AUTHORIZATION";
      Set<Integer> types = new LinkedHashSet<>();
      Set<String> ids = new LinkedHashSet<>();
      ids.add(Authorization.ANY);
      for (PermissionCheck check : checks) {
        types.add(check.getResourceType());
        if (check.getResourceId() != null) {
          ids.add(check.getResourceId());
        }
      }
      StringBuilder sql = new StringBuilder("SELECT RESOURCE_TYPE_, RESOURCE_ID_, PERMS_ FROM ").append(table)
          .append(" WHERE RESOURCE_TYPE_ IN (").append(marks(types.size()))
          .append(") AND RESOURCE_ID_ IN (").append(marks(ids.size()))
          .append(") AND ((TYPE_ = 1 AND (USER_ID_ = ?");
      if (!groupIds.isEmpty()) {
        sql.append(" OR GROUP_ID_ IN (").append(marks(groupIds.size())).append(')');
      }
      sql.append(")) OR (TYPE_ = 0 AND USER_ID_ = '*'))");
      if (askRevokes) {
        // selectRevokeAuthorization's condition; its row has no resource type a grant can have
        sql.append(" UNION ALL (SELECT ").append(REVOKE_MARK).append(", NULL, 0 FROM ").append(table)
            .append(" WHERE TYPE_ = 2 AND (USER_ID_ IN (?, '*')");
        if (!groupIds.isEmpty()) {
          sql.append(" OR GROUP_ID_ IN (").append(marks(groupIds.size())).append(')');
        }
        sql.append(") FETCH FIRST 1 ROWS ONLY)");
      }

      List<Grant> grants = new ArrayList<>();
      boolean revokeFound = false;
      Connection connection = Context.getCommandContext().getDbSqlSession().getSqlSession().getConnection();
      try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
        int i = 1;
        for (Integer type : types) {
          statement.setInt(i++, type);
        }
        for (String id : ids) {
          statement.setString(i++, id);
        }
        statement.setString(i++, userId);
        for (String group : groupIds) {
          statement.setString(i++, group);
        }
        if (askRevokes) {
          statement.setString(i++, userId);
          for (String group : groupIds) {
            statement.setString(i++, group);
          }
        }
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            if (rows.getInt(1) == REVOKE_MARK) {
              revokeFound = true;
            } else {
              grants.add(new Grant(rows.getInt(1), rows.getString(2), rows.getInt(3)));
            }
          }
        }
      } catch (SQLException e) {
        throw new ProcessEngineException("could not check authorizations of user " + userId, e);
      }
      if (askRevokes) {
        isRevokeAuthCheckUsed = revokeFound;
      }
      if (revokeFound) {
        return null;
      }

      for (PermissionCheck check : checks) {
        boolean holds = grants.stream().anyMatch(grant -> grant.covers(check));
        if (holds && disjunctive) {
          return true;
        }
        if (!holds && !disjunctive) {
          return false;
        }
      }
      return !disjunctive;
    }

    private static String marks(int n) {
      return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
  }

  record Grant(int resourceType, String resourceId, int perms) {
    boolean covers(PermissionCheck check) {
      String id = check.getResourceId() == null ? Authorization.ANY : check.getResourceId();
      return resourceType == check.getResourceType()
          && (Authorization.ANY.equals(resourceId) || resourceId.equals(id))
          && (perms & check.getPerms()) == check.getPerms();
    }
  }
}
