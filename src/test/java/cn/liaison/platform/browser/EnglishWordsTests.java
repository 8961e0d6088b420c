package cn.liaison.platform.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the browser tests count as English on a page, and what they take for ids and data. */
class EnglishWordsTests {

  @Test
  void findsEnglishWordsOnceEach() {
    assertThat(new EnglishWords().in("Powered by Camunda Platform / v7.24.0\n认领 Claim Claim"))
        .containsExactly("Claim", "Platform", "Powered", "by");
  }

  @Test
  void takesIdsNumbersTicketsAndKnownIdsForData() {
    EnglishWords words = new EnglishWords().allow("demo", "opinion-loop", "Asia/Shanghai", "KQWER");
    assertThat(words.in("""
        受理编号：YJ20261203-0001 查询码 KQWER-7H2MN 办理人 staff1 演示管理员 demo demo@liaison.example
        流程 opinion-loop 实例 5583fe8b-ee89-11f1-8871-02fc00000001 变量 ASSIGN_DEPARTMENT java.util.HashMap
        时区 Asia/Shanghai Camunda 7.24.0 5 个工作日 A""")).isEmpty();
  }

  @Test
  void aHyphenatedOrPathLikeWordOfUnknownPartsIsEnglish() {
    assertThat(new EnglishWords().allow("dept-water").in("follow-up dept-water/opinion"))
        .containsExactly("dept-water/opinion", "follow-up");
  }
}
