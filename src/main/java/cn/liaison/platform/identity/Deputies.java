package cn.liaison.platform.identity;

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
}
