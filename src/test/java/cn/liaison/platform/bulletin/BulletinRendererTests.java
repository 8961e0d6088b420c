package cn.liaison.platform.bulletin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.liaison.platform.station.Station;
import cn.liaison.platform.statistics.Statistics;
import cn.liaison.platform.system.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;

/**
 * The bulletin rendered from figures given here (the renderer alone, no database): the seed bulletin's sentences with
 * each station's numbers, its layout (masthead, contents, articles, 送/发), the .docx as Word opens it, and the
 * templates' safety: staff-edited text cannot reach Java.
 */
class BulletinRendererTests {

  static final Station CRANE = new Station("cy-crane", "长垣市起重产业代表联络站", Station.Kind.INDUSTRY, "长垣市", null,
      "", true, List.of());
  static final Station TAIPING = new Station("yy-taiping-mobile", "太平镇流动联络站", Station.Kind.MOBILE, "原阳县",
      "太平镇", "", true, List.of());
  static final LocalDate FROM = LocalDate.of(2024, 1, 1);
  static final LocalDate TO = LocalDate.of(2024, 9, 15);

  static Statistics figures(long received, long proposals, long forums, long invited, long attended,
      long suggestions, long sessions, long visitors, long receptionOpinions, long solved, long tasks, long problems,
      long rectified) {
    return new Statistics(new Statistics.Period(FROM, TO, null, null),
        new Statistics.Opinions(received, received, received, 0, 0, received, 0, proposals, Map.of(), Map.of(),
            Map.of(), List.of(), new Statistics.Evaluation(received, 0, 0, 0),
            new Statistics.Rates(received == 0 ? null : 1.0, received == 0 ? null : 1.0, received == 0 ? null : 1.0)),
        new Statistics.Proposals(proposals, proposals, 0, Map.of(), Map.of()),
        new Statistics.Forums(forums, invited, attended, invited == 0 ? null : (double) attended / invited,
            suggestions),
        new Statistics.Receptions(sessions, visitors, receptionOpinions, 0, solved),
        new Statistics.Rectification(tasks, problems, rectified, 0),
        new Statistics.Projects(0, 0, 0), List.of());
  }

  static final Map<String, Statistics> SEED = Map.of(
      "cy-crane", figures(13, 4, 2, 10, 9, 10, 0, 0, 0, 0, 0, 0, 0),
      "yy-taiping-mobile", figures(0, 0, 0, 0, 0, 0, 3, 147, 73, 51, 22, 57, 52));

  static Map<BulletinPart, String> shipped() {
    Map<BulletinPart, String> m = new EnumMap<>(BulletinPart.class);
    for (BulletinPart p : BulletinPart.values()) {
      m.put(p, BulletinTemplates.shipped(p).body());
    }
    return m;
  }

  static Bulletin seedBulletin(Map<BulletinPart, String> bodies) {
    var request = new BulletinService.Request(FROM, TO, List.of(CRANE, TAIPING), 37, LocalDate.of(2024, 9, 18));
    return BulletinService.compose(request, s -> SEED.get(s.code()), bodies);
  }

  @Test
  void theSeedBulletinsSentencesCarryEachStationsFigures() {
    Bulletin bulletin = seedBulletin(shipped());
    String text = bulletin.text();

    assertThat(text).contains("今年以来，长垣市起重产业代表联络站收集群众意见建议13条，整理后提出代表建议4件。",
        "组织集中座谈活动2次，代表参与率90%，提出专业性意见建议10条。",
        "接待群众147人次，收集意见建议73条，解决问题51件。",
        "梳理出22项整改任务共计57条具体问题，已完成问题整改52条。");
    // what did not happen at a station is left out, not printed as "0"
    assertThat(text).doesNotContain("接待群众0人次", "收集群众意见建议0条", "0项整改任务");
  }

  @Test
  void itIsLaidOutLikeTheSeedMastheadContentsArticlesContributorAndDistribution() {
    List<Block> blocks = seedBulletin(shipped()).blocks();

    assertThat(blocks.get(0)).isEqualTo(new Block(Block.Kind.MASTHEAD, "代表工作"));
    assertThat(blocks).contains(new Block(Block.Kind.CENTER, "第 37 期"),
        new Block(Block.Kind.CENTER, "河南省人大常委会代表工作委员会"), new Block(Block.Kind.CENTER, "2024 年 9 月 18 日"),
        new Block(Block.Kind.ITEM, "长垣市起重产业代表联络站：架起代表联系群众“连心桥”"),
        new Block(Block.Kind.ITEM, "太平镇流动联络站：架起代表联系群众“连心桥”"),
        new Block(Block.Kind.RIGHT, "（新乡市人大常委会代表工委供稿）"));
    List<Block.Kind> kinds = blocks.stream().map(Block::kind).toList();
    // contents before the first article, the articles in the order asked for, 送/发 and 印发 at the end
    int contents = kinds.indexOf(Block.Kind.ITEM);
    int firstArticle = blocks.indexOf(new Block(Block.Kind.TITLE, "长垣市起重产业代表联络站：架起代表联系群众“连心桥”"));
    int secondArticle = blocks.indexOf(new Block(Block.Kind.TITLE, "太平镇流动联络站：架起代表联系群众“连心桥”"));
    assertThat(contents).isBetween(0, firstArticle);
    assertThat(firstArticle).isLessThan(secondArticle);
    List<String> tail = blocks.subList(blocks.size() - 4, blocks.size()).stream()
        .filter(b -> b.kind() == Block.Kind.FLUSH).map(Block::text).toList();
    assertThat(tail.get(0)).startsWith("送：省人大常委会主任");
    assertThat(tail.get(1)).startsWith("发：省人大常委会副秘书长");
    assertThat(tail.get(2)).isEqualTo("河南省人大常委会代表工作委员会印发　　2024 年 9 月 18 日");
  }

  @Test
  void theDocxOpensInWordWithTheSentencesARedMastheadAndIndentedBody() throws Exception {
    Bulletin bulletin = seedBulletin(shipped());
    byte[] docx = BulletinDocx.write(bulletin);
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
      List<XWPFParagraph> paragraphs = doc.getParagraphs();
      XWPFParagraph masthead = paragraphs.get(0);
      assertThat(masthead.getText()).isEqualTo("代表工作");
      assertThat(masthead.getAlignment()).isEqualTo(ParagraphAlignment.CENTER);
      assertThat(masthead.getRuns().get(0).getColor()).isEqualTo("C00000");
      XWPFParagraph reception = paragraphs.stream().filter(p -> p.getText().contains("接待群众147人次")).findFirst()
          .orElseThrow();
      assertThat(reception.getFirstLineIndent()).isEqualTo(640);
      assertThat(reception.getRuns().get(0).getFontSizeAsDouble()).isEqualTo(16.0);
      assertThat(paragraphs.stream().map(XWPFParagraph::getText)).contains("★ 太平镇流动联络站：架起代表联系群众“连心桥”",
          "通过入户走访和“摆摊接待”等交流形式，梳理出22项整改任务共计57条具体问题，已完成问题整改52条。");
      assertThat(doc.getDocument().getBody().getSectPr().getPgSz().getW().toString()).isEqualTo("11906");
    }
    assertThat(bulletin.fileName()).isEqualTo("工作简报第37期（2024-01-01至2024-09-15）.docx");
  }

  @Test
  void aPeriodNotFromNewYearIsNamedByItsDatesAndRatesReadAsPercent() {
    assertThat(BulletinVariables.periodText(FROM, TO)).isEqualTo("今年以来");
    assertThat(BulletinVariables.periodText(LocalDate.of(2027, 4, 1), LocalDate.of(2027, 6, 30)))
        .isEqualTo("2027 年 4 月 1 日至 6 月 30 日");
    assertThat(BulletinVariables.percent(0.9)).isEqualTo("90%");
    assertThat(BulletinVariables.percent(0.92345)).isEqualTo("92.3%");
    assertThat(BulletinVariables.percent(null)).isNull();
  }

  // ---- what staff may write, and what an attacker may not ----

  @Test
  void expressionLanguageInATemplateIsPrintedAsTextNeverRun() {
    Map<BulletinPart, String> bodies = shipped();
    bodies.put(BulletinPart.CLOSING, """
        | ${T(java.lang.Runtime).getRuntime().exec('touch /tmp/pwned-by-bulletin')}
        | [[${T(java.lang.System).getenv()}]] #{7*7} *{7*7} <%= 7*7 %>
        """);
    assertThat(BulletinTemplateEngine.check(BulletinPart.CLOSING, bodies.get(BulletinPart.CLOSING))).isEmpty();

    String text = seedBulletin(bodies).text();

    assertThat(text).contains("${T(java.lang.Runtime).getRuntime().exec('touch /tmp/pwned-by-bulletin')}",
        "[[${T(java.lang.System).getenv()}]] #{7*7} *{7*7} <%= 7*7 %>");
    assertThat(java.nio.file.Path.of("/tmp/pwned-by-bulletin")).doesNotExist();
  }

  @Test
  void javaObjectsLambdasAndOtherFilesAreOutOfReachAndRefusedInChinese() {
    assertThat(BulletinTemplateEngine.check(BulletinPart.SECTION, "{{station.name.class}}"))
        .containsExactly("第 1 行：没有名为 {{station.name.class}} 的变量，可用的变量见变量说明。");
    assertThat(BulletinTemplateEngine.check(BulletinPart.HEADER, "第 {{issueNo.class.classLoader}} 期")).hasSize(1);
    assertThat(BulletinTemplateEngine.check(BulletinPart.HEADER, "{{#lambda}}rm -rf{{/lambda}}"))
        .containsExactly("第 1 行：没有名为 {{lambda}} 的变量，可用的变量见变量说明。");
    assertThat(BulletinTemplateEngine.check(BulletinPart.HEADER, "{{> /etc/passwd}}"))
        .containsExactly("不支持引用其他模板（{{> /etc/passwd}}）。");
    assertThat(BulletinTemplateEngine.check(BulletinPart.HEADER, "{{< application.yaml}}{{/application.yaml}}"))
        .isNotEmpty().allSatisfy(m -> assertThat(m).containsPattern("[\\u4e00-\\u9fa5]"));
  }

  @Test
  void mistakesAreFoundWhenSavingWithTheLineAndWhatToDo() {
    assertThat(BulletinTemplateEngine.check(BulletinPart.SECTION, "## {{station.name}}\n接待群众{{receptions.visiters}}人次"))
        .containsExactly("第 2 行：没有名为 {{receptions.visiters}} 的变量，可用的变量见变量说明。");
    // inside a section only entered when a figure is zero
    assertThat(BulletinTemplateEngine.check(BulletinPart.SECTION, "{{^receptions.sessions}}\n本期未接待{{oops}}\n{{/receptions.sessions}}"))
        .containsExactly("第 2 行：没有名为 {{oops}} 的变量，可用的变量见变量说明。");
    assertThat(BulletinTemplateEngine.check(BulletinPart.HEADER, "{{station.name}}"))
        .containsExactly("第 1 行：{{station.name}} 只能用在“各联络站一篇”中。");
    assertThat(BulletinTemplateEngine.check(BulletinPart.SECTION, "{{#forums.held}}座谈{{forums.held}}次"))
        .singleElement().asString().contains("标记不完整");
    assertThat(BulletinTemplateEngine.check(BulletinPart.HEADER, "第 {{issueNo 期")).singleElement().asString()
        .contains("第 1 行", "{{ 没有对应的 }}");
    assertThat(BulletinTemplateEngine.check(BulletinPart.HEADER, " ")).containsExactly("模板不能为空。");
    assertThat(BulletinTemplateEngine.check(BulletinPart.HEADER, "字".repeat(20_001))).singleElement().asString()
        .contains("最长 20000 字");
    // the shipped defaults pass their own check
    shipped().forEach((part, body) -> assertThat(BulletinTemplateEngine.check(part, body)).as(part.name()).isEmpty());
  }

  @Test
  void sectionsNestedToMultiplyTheTextAreStoppedAtAFewHundredThousandCharacters() {
    Map<BulletinPart, String> bodies = shipped();
    String bomb = "{{#stations}}{{#stations}}{{#stations}}" + "简报".repeat(6000) + "{{/stations}}{{/stations}}{{/stations}}";
    bodies.put(BulletinPart.CLOSING, bomb);
    var many = java.util.stream.IntStream.range(0, 20).mapToObj(i -> new Station("s" + i, "站" + i,
        Station.Kind.FIXED, "县", "镇", "", true, List.of())).toList();
    var request = new BulletinService.Request(FROM, TO, many, 1, TO);
    assertThatThrownBy(() -> BulletinService.compose(request, s -> SEED.get("cy-crane"), bodies))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).errors().get("closing")).contains("超过 400000 字"));
  }
}
