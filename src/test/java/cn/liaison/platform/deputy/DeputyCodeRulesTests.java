package cn.liaison.platform.deputy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules of 代表码 and of the deputy's figures, without Spring. */
class DeputyCodeRulesTests {

  @Test
  void codesAreTenCharactersWithoutLookAlikesAndDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String code = DeputyCodes.generate();
      assertThat(code).hasSize(10).doesNotContainAnyWhitespaces().matches("[2-9a-hjkmnp-z]+");
      assertThat(DeputyCodes.wellFormed(code)).isTrue();
      seen.add(code);
    }
    assertThat(seen).hasSize(10_000);
  }

  @Test
  void anythingElseIsNotACodeAndIsNotLookedUp() {
    for (String other : new String[] {null, "", "deputy1", "ABCDEFGHJK", "abcdefghj1", "abcdefghjkm", "abcdefghj ",
        "abcdefghj'", "../../etc"}) {
      assertThat(DeputyCodes.wellFormed(other)).as(String.valueOf(other)).isFalse();
    }
  }

  @Test
  void medianFirstResponseIsInHoursWithOneDecimal() {
    assertThat(DeputyActivity.medianHours(List.of())).isNull();
    assertThat(DeputyActivity.medianHours(List.of(Duration.ofHours(5)))).isEqualTo(5.0);
    assertThat(DeputyActivity.medianHours(List.of(Duration.ofHours(2), Duration.ofHours(4)))).isEqualTo(3.0);
    assertThat(DeputyActivity.medianHours(List.of(Duration.ofMinutes(90), Duration.ofHours(30),
        Duration.ofMinutes(10)))).isEqualTo(1.5);
  }
}
