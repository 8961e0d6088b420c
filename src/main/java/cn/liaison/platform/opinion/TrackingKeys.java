package cn.liaison.platform.opinion;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Tracking keys: 20 characters of Crockford base32 (100 random bits) shown once to the citizen, stored only
 * as a SHA-256 hash. Input is normalised (case, dashes, spaces, O→0, I/L→1) since people copy them by hand.
 */
final class TrackingKeys {

  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private TrackingKeys() {}

  static String generate() {
    StringBuilder key = new StringBuilder(24);
    for (int i = 0; i < 20; i++) {
      if (i > 0 && i % 5 == 0) {
        key.append('-');
      }
      key.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return key.toString();
  }

  static String normalise(String key) {
    if (key == null) {
      return "";
    }
    return key.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "").replace('O', '0').replace('I', '1')
        .replace('L', '1');
  }

  static String hash(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalise(key).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Constant-time comparison, so response times say nothing about the key. */
  static boolean matches(String key, String storedHash) {
    return MessageDigest.isEqual(hash(key).getBytes(StandardCharsets.US_ASCII),
        storedHash.getBytes(StandardCharsets.US_ASCII));
  }
}
