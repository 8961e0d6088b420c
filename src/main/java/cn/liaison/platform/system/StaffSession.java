package cn.liaison.platform.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The one guard of the staff pages (/staff/**): the user logged into the Camunda webapps in this HTTP session,
 * with the groups read from the identity service at this request, not those cached in the session at login.
 * A user deleted, locked (Camunda's login lock) or removed from a group since the login loses that access at
 * the next request. Two small queries per page view. Its answers when access is refused are the staff pages' one
 * "denied" page ({@link #loginRequired}, {@link #notFound}); the pages' headers come from {@link PageHeadersFilter}.
 */
@Component
public class StaffSession {

  private static final Logger log = LoggerFactory.getLogger(StaffSession.class);

  private final IdentityService identity;
  private final ProcessEngine engine;

  private final java.time.Clock clock;

  StaffSession(java.time.Clock clock, IdentityService identity, ProcessEngine engine) {
    this.clock = clock;
    this.identity = identity;
    this.engine = engine;
  }

  /** The current user with their groups as they are now; empty if not logged in, deleted or locked. */
  public Optional<TasklistSession.User> current(HttpServletRequest request) {
    TasklistSession.User session = TasklistSession.user(request.getSession(false)).orElse(null);
    if (session == null || session.id() == null) {
      return Optional.empty();
    }
    User user = identity.createUserQuery().userId(session.id()).singleResult();
    if (user == null) {
      log.info("staff page refused: user {} of the webapp session no longer exists", session.id());
      return Optional.empty();
    }
    if (locked(user)) {
      log.info("staff page refused: user {} is locked", session.id());
      return Optional.empty();
    }
    List<String> groups = identity.createGroupQuery().groupMember(session.id()).list().stream().map(Group::getId)
        .toList();
    return Optional.of(new TasklistSession.User(session.id(), groups));
  }

  /** The "denied" page for nobody logged in (401): log into Tasklist first. */
  public static String loginRequired(HttpServletResponse response, Model model) {
    return denied(response, model, HttpServletResponse.SC_UNAUTHORIZED, "请先登录任务列表（Tasklist），再打开此页面。");
  }

  /**
   * The "denied" page for an unknown record and for one the user may not see alike (404), so records cannot be
   * walked: "未找到该{what}，或您无权查看。"
   */
  public static String notFound(HttpServletResponse response, Model model, String what) {
    return denied(response, model, HttpServletResponse.SC_NOT_FOUND, "未找到该" + what + "，或您无权查看。");
  }

  private static String denied(HttpServletResponse response, Model model, int status, String message) {
    response.setStatus(status);
    model.addAttribute("message", message);
    return "staff/denied";
  }

  /** Camunda's rule: locked for good after the maximum of failed logins, or for a while after a failed one. */
  private boolean locked(User user) {
    if (!(user instanceof UserEntity entity)) {
      return false; // an external directory (LDAP) has no lock state here
    }
    int maxAttempts = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getLoginMaxAttempts();
    Date lockedUntil = entity.getLockExpirationTime();
    return entity.getAttempts() >= maxAttempts
        || (lockedUntil != null && lockedUntil.toInstant().isAfter(clock.instant()));
  }
}
