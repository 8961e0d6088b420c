package cn.liaison.platform.deputy;

import java.security.SecureRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * 代表码: each deputy's public code, 10 characters of a 31-letter alphabet without look-alikes (no 0/o, 1/l/i), from a
 * secure random source: about 2^49 codes, so the codes of the few hundred deputies of a county cannot be found by
 * trying. Given when a deputy's details are first saved; deputies of earlier versions get theirs at start. A code
 * never changes (printed cards and posters stay valid).
 */
@Component
@Order(21)
class DeputyCodes implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DeputyCodes.class);
  static final String ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
  static final int LENGTH = 10;
  /** What a public code looks like: anything else is answered as unknown without a database look-up. */
  static final Pattern FORMAT = Pattern.compile("^[" + ALPHABET + "]{" + LENGTH + "}$");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DeputyProfiles profiles;

  DeputyCodes(DeputyProfiles profiles) {
    this.profiles = profiles;
  }

  static String generate() {
    StringBuilder code = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }

  static boolean wellFormed(String code) {
    return code != null && FORMAT.matcher(code).matches();
  }

  @Override
  public void run(ApplicationArguments args) {
    int given = 0;
    for (String userId : profiles.withoutPublicCode()) {
      if (profiles.givePublicCode(userId, generate())) {
        given++;
      }
    }
    if (given > 0) {
      log.info("代表码：为 {} 名代表生成了代表码", given);
    }
  }
}
