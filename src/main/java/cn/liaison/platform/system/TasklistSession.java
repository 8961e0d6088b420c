package cn.liaison.platform.system;

import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;

/**
 * The user logged into the Camunda webapps (Tasklist, Cockpit) in this HTTP session, so that pages linked from
 * Tasklist forms need no second login.
 */
public final class TasklistSession {

  /** A logged-in user with the ids of their groups. */
  public record User(String id, List<String> groups) {
    public boolean inGroup(String group) {
      return groups.contains(group);
    }
  }

  private TasklistSession() {}

  public static Optional<User> user(HttpSession session) {
    if (session == null) {
      return Optional.empty();
    }
    Authentications auths = AuthenticationUtil.getAuthsFromSession(session);
    return auths == null ? Optional.empty() : auths.getAuthentications().stream()
        .filter(a -> "default".equals(a.getProcessEngineName())).findFirst()
        .map(a -> new User(a.getIdentityId(), a.getGroupIds() == null ? List.of() : List.copyOf(a.getGroupIds())));
  }
}
