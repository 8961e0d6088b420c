package cn.liaison.platform.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** No fixed development key outside demo mode. */
class SecretCipherTests {

  @Test
  void withoutKeyOutsideDemoModeNothingCanBeEncrypted() {
    SecretCipher cipher = new SecretCipher("", false);
    assertThat(cipher.available()).isFalse();
    assertThatThrownBy(() -> cipher.encrypt("irrigation-secret-0001")).hasMessageContaining("LIAISON_SECRET_KEY");
  }

  @Test
  void demoModeFallsBackToTheDevelopmentKeyAndAConfiguredKeyIsUsedEverywhere() {
    assertThat(new SecretCipher(null, true).available()).isTrue();
    SecretCipher keyed = new SecretCipher("a long passphrase from the environment", false);
    String sealed = keyed.encrypt("irrigation-secret-0001");
    assertThat(sealed).startsWith("v1:").doesNotContain("irrigation");
    assertThat(keyed.decrypt(sealed)).isEqualTo("irrigation-secret-0001");
    // the development key cannot open what the real key sealed
    assertThatThrownBy(() -> new SecretCipher("", true).decrypt(sealed)).hasMessageContaining("LIAISON_SECRET_KEY");
  }
}
