package cn.liaison.platform.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * liaison.demo.enabled: demo users (demo/demo and one per group, password = user id).
 * liaison.admin.*: the first administrator; required when demo data is off.
 */
@ConfigurationProperties("liaison")
public record IdentityProperties(Demo demo, Admin admin) {

  public IdentityProperties {
    demo = demo == null ? new Demo(false) : demo;
    admin = admin == null ? new Admin("admin", null) : admin;
  }

  public record Demo(boolean enabled) {}

  public record Admin(String userId, String password) {
    public boolean hasPassword() {
      return password != null && !password.isBlank();
    }
  }
}
