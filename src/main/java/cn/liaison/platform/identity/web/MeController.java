package cn.liaison.platform.identity.web;

import cn.liaison.platform.system.DisplayNames;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "当前用户")
class MeController {

  private final IdentityService identity;

  MeController(IdentityService identity) {
    this.identity = identity;
  }

  @GetMapping("/api/me")
  @Operation(summary = "当前登录用户及其所在组", security = @SecurityRequirement(name = "basic"))
  Me me(Authentication authentication) {
    String userId = authentication.getName();
    User user = identity.createUserQuery().userId(userId).singleResult();
    List<GroupView> groups = identity.createGroupQuery().groupMember(userId).orderByGroupId().asc().list().stream()
        .map(g -> new GroupView(g.getId(), g.getName())).toList();
    String name = user == null ? userId : DisplayNames.of(user);
    return new Me(userId, name, groups);
  }

  record Me(String userId, String name, List<GroupView> groups) {}

  record GroupView(String id, String name) {}
}
