package cn.liaison.platform.system;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets at rest (departments' signing secrets) with AES-256-GCM. The key comes from
 * LIAISON_SECRET_KEY (any passphrase; SHA-256 makes the key). With demo data on and no key, a fixed
 * development key is used and said so; without demo data and without a key, secrets cannot be stored.
 */
@Component
public class SecretCipher {

  private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);
  private static final String PREFIX = "v1:";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  public SecretCipher(@Value("${liaison.secret-key:}") String secretKey,
      @Value("${liaison.demo.enabled:false}") boolean demo) {
    String material = secretKey;
    if (material == null || material.isBlank()) {
      if (demo) {
        log.warn("LIAISON_SECRET_KEY is not set: department secrets are encrypted with the development key (demo only)");
        material = "liaison-platform-demo-only-key";
      } else {
        // no fixed development key outside demo mode: storing a department secret is refused (400) instead
        log.warn("LIAISON_SECRET_KEY is not set and demo data is off: department secrets cannot be stored "
            + "(未配置 LIAISON_SECRET_KEY：不能保存部门系统的签名密钥)");
        material = null;
      }
    }
    this.key = material == null ? null : new SecretKeySpec(sha256(material), "AES");
  }

  public boolean available() {
    return key != null;
  }

  public String encrypt(String plain) {
    requireKey();
    try {
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv)
          .put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt", e);
    }
  }

  public String decrypt(String stored) {
    requireKey();
    if (stored == null || !stored.startsWith(PREFIX)) {
      throw new IllegalStateException("secret is not in the encrypted format");
    }
    try {
      byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
      return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot decrypt the secret: was LIAISON_SECRET_KEY changed?", e);
    }
  }

  private void requireKey() {
    if (key == null) {
      throw new IllegalStateException("未配置 LIAISON_SECRET_KEY，无法保存或使用部门系统的签名密钥");
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
