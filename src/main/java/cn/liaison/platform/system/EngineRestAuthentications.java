package cn.liaison.platform.system;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CreateGroupCmd;
import org.camunda.bpm.engine.impl.cmd.CreateMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.CreateTenantGroupMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.CreateTenantUserMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteGroupCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantGroupMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantUserMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.impl.cmd.SaveGroupCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.cmd.UnlockUserCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Who passed HTTP Basic on /engine-rest lately, with their groups and tenants, for a short time
 * ({@code liaison.security.engine-rest-authentication-ttl}, 60 s by default; 0 turns it off). Without it every request
 * of a Tasklist-like client costs three engine commands before its own (password check, groups, tenants) — a third of
 * a task completion's database round trips. Camunda's webapps keep a login for 5 minutes the same way.
 *
 * <p>Keyed by an HMAC of the whole Authorization header under a key made at start, so no password is kept. Any
 * change of users, groups, memberships or tenants through the engine on this node empties it; on other nodes of a
 * cluster such a change takes effect within the TTL. Failed logins are never cached: they reach Camunda's password
 * check (and its lock-out) every time.
 */
@Component
class EngineRestAuthentications extends AbstractProcessEnginePlugin {

  /** The engine commands that change who someone is or what groups/tenants they belong to. */
  private static final Set<Class<?>> IDENTITY_CHANGES = Set.of(SaveUserCmd.class, DeleteUserCmd.class,
      UnlockUserCmd.class, SaveGroupCmd.class, CreateGroupCmd.class, DeleteGroupCmd.class, CreateMembershipCmd.class,
      DeleteMembershipCmd.class, DeleteTenantCmd.class, CreateTenantUserMembershipCmd.class,
      DeleteTenantUserMembershipCmd.class, CreateTenantGroupMembershipCmd.class, DeleteTenantGroupMembershipCmd.class);

  /** A user who passed, with what the engine's authorization checks need. */
  record Known(String userId, List<String> groupIds, List<String> tenantIds) {}

  private final boolean enabled;
  private final Cache<String, Known> known;
  private final SecretKeySpec key;

  EngineRestAuthentications(LiaisonSecurityProperties properties) {
    Duration ttl = properties.engineRestAuthenticationTtl();
    this.enabled = !ttl.isNegative() && !ttl.isZero();
    this.known = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(enabled ? ttl : Duration.ofSeconds(1))
        .build();
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> pre = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    pre.add(new ForgetOnIdentityChange());
    configuration.setCustomPreCommandInterceptorsTxRequired(pre);
  }

  /** The user an Authorization header stands for, if it passed within the TTL. */
  Known recall(ProcessEngine engine, String authorization) {
    return !enabled || authorization == null ? null : known.getIfPresent(digest(engine, authorization));
  }

  /** Remembers a header that just passed Camunda's password check, with the user's groups and tenants. */
  Known remember(ProcessEngine engine, String authorization, String userId) {
    List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).toList();
    List<String> tenants = engine.getIdentityService().createTenantQuery().userMember(userId)
        .includingGroupsOfUser(true).list().stream().map(Tenant::getId).toList();
    Known passed = new Known(userId, groups, tenants);
    if (enabled) {
      known.put(digest(engine, authorization), passed);
    }
    return passed;
  }

  void forgetAll() {
    known.invalidateAll();
  }

  private String digest(ProcessEngine engine, String authorization) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(engine.getName().getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return Base64.getEncoder().encodeToString(mac.doFinal(authorization.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Runs outside the command's transaction: forgets after the change has committed (and, harmlessly, on failure). */
  private final class ForgetOnIdentityChange extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } finally {
        if (IDENTITY_CHANGES.contains(command.getClass())) {
          forgetAll();
        }
      }
    }
  }
}
