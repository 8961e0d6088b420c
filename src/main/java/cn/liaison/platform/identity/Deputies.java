package cn.liaison.platform.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/** Who the deputies (人大代表) are: the members of the {@link PlatformGroups#DEPUTIES} group in Camunda. */
@Component
public class Deputies {

  private final IdentityService identity;

  Deputies(IdentityService identity) {
    this.identity = identity;
  }

  /** Whether the user exists and is a member of the deputies' group. */
  public boolean isDeputy(String userId) {
    return userId != null && identity.createUserQuery().userId(userId).memberOfGroup(PlatformGroups.DEPUTIES)
        .count() > 0;
  }

  /**
   * The deputies' user ids a request names (a forum's invitations, a reception's deputies on duty, a project's
   * supervisors), stripped and without repeats; each one that is not a deputy puts a Chinese message under
   * {@code field[i]} into errors.
   */
  public List<String> checked(List<String> requested, String field, Map<String, String> errors) {
    List<String> result = new ArrayList<>();
    for (int i = 0; i < requested.size(); i++) {
      String d = requested.get(i) == null ? "" : requested.get(i).strip();
      if (!isDeputy(d)) {
        errors.put(field + "[" + i + "]", "“" + (d.length() > 40 ? d.substring(0, 40) + "…" : d)
            + "”不是人大代表的用户名");
      } else if (!result.contains(d)) {
        result.add(d);
      }
    }
    return result;
  }
}
