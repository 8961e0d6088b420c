package cn.liaison.platform.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTests {

  @Test
  void phoneKeepsTheFirstThreeAndLastFourDigits() {
    assertThat(Masking.phone("13812341234")).isEqualTo("138****1234");
    assertThat(Masking.phone("0771-5551234")).isEqualTo("077****1234");
    assertThat(Masking.phone("12345")).isEqualTo("****");
  }

  @Test
  void nameKeepsTheFamilyName() {
    assertThat(Masking.name("张志强")).isEqualTo("张**");
  }
}
