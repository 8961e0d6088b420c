package cn.liaison.platform.department;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature both directions use: {@code sha256=<hex HMAC-SHA256(secret, timestamp + "\n" + nonce + "\n" + body)>}
 * in header X-Liaison-Signature, with X-Liaison-Timestamp (epoch seconds) and X-Liaison-Nonce.
 */
public final class Signatures {

  public static final String TIMESTAMP = "X-Liaison-Timestamp";
  public static final String NONCE = "X-Liaison-Nonce";
  public static final String SIGNATURE = "X-Liaison-Signature";
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private Signatures() {}

  public static String sign(String secret, String timestamp, String nonce, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
      mac.update(body);
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Constant-time comparison. */
  public static boolean verify(String secret, String timestamp, String nonce, byte[] body, String signature) {
    if (signature == null) {
      return false;
    }
    byte[] expected = sign(secret, timestamp, nonce, body).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.trim().toLowerCase().getBytes(StandardCharsets.US_ASCII));
  }
}
