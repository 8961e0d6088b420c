package cn.liaison.platform.opinion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import cn.liaison.platform.station.Station;
import cn.liaison.platform.station.Stations;
import cn.liaison.platform.system.InvalidInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a citizen's submission must satisfy before anything is stored (OpinionService.submit), without Spring:
 * each rule names the field and says in Chinese what to correct. That the API answers these as a 400 problem
 * and stores nothing is OpinionApiTests' part.
 */
class OpinionSubmissionRulesTests {

  static final String CONTENT = "村东头灌溉渠堵塞，麦田浇不上水，请尽快疏通。";

  final OpinionService service = service();

  static OpinionService service() {
    Stations stations = mock(Stations.class);
    when(stations.findByCode(anyString())).thenReturn(Optional.empty());
    when(stations.findByCode("cy-crane")).thenReturn(Optional.of(station("cy-crane", true)));
    when(stations.findByCode("cy-closed")).thenReturn(Optional.of(station("cy-closed", false)));
    Categories categories = mock(Categories.class);
    when(categories.find(anyString())).thenReturn(Optional.empty());
    when(categories.find("IRRIGATION")).thenReturn(Optional.of(new Categories.Category("IRRIGATION", "农田水利与灌溉")));
    // a refused submission touches nothing else: the other collaborators are absent
    return new OpinionService(null, stations, categories, null, null, null, null, null, null, null, null);
  }

  static Station station(String code, boolean active) {
    return new Station(code, "长垣市起重产业代表联络站", Station.Kind.INDUSTRY, "长垣市", "恼里镇", "某村", active, List.of());
  }

  /** A citizen's good submission by QR code with one field changed. */
  static OpinionSubmission citizenSends(String field, Object value) {
    Map<String, Object> v = new HashMap<>(Map.of("stationCode", "cy-crane", "category", "IRRIGATION",
        "content", CONTENT, "place", "长垣市恼里镇某村", "contactName", "赵建国", "contactPhone", "13712345678",
        "anonymous", false, "consent", true));
    v.put(field, value);
    return new OpinionSubmission((String) v.get("stationCode"), (String) v.get("category"), (String) v.get("content"),
        (String) v.get("place"), (String) v.get("contactName"), (String) v.get("contactPhone"),
        (Boolean) v.get("anonymous"), (Boolean) v.get("consent"), (Channel) v.get("channel"),
        (String) v.get("answeredOnSpot"));
  }

  static Stream<Arguments> refusedSubmissions() {
    return Stream.of(
        Arguments.of("without a station", "stationCode", null, "请选择联络站"),
        Arguments.of("for an unknown station", "stationCode", "cy-nowhere", "联络站不存在或已停用"),
        Arguments.of("for a closed station", "stationCode", "cy-closed", "联络站不存在或已停用"),
        Arguments.of("without a category", "category", null, "请选择意见类别"),
        Arguments.of("with an unknown category", "category", "WEATHER", "意见类别不正确"),
        Arguments.of("shorter than ten characters", "content", "路灯坏了请修一下", "请填写意见内容，至少 10 个字"),
        Arguments.of("of blanks only", "content", "          ", "请填写意见内容，至少 10 个字"),
        Arguments.of("longer than two thousand characters", "content", "渠".repeat(2001), "意见内容不能超过 2000 个字"),
        Arguments.of("without a place", "place", null, "请填写所在村（社区）或地点"),
        Arguments.of("with a place longer than a hundred characters", "place", "村".repeat(101), "地点不能超过 100 个字"),
        Arguments.of("with a name longer than fifty characters", "contactName", "名".repeat(51), "姓名不能超过 50 个字"),
        Arguments.of("with a phone that is no mainland mobile", "contactPhone", "12345", "请填写正确的 11 位手机号码"),
        Arguments.of("without consent", "consent", null, "请阅读并同意《个人信息使用说明》"),
        Arguments.of("with consent declined", "consent", false, "请阅读并同意《个人信息使用说明》"),
        Arguments.of("by QR code as answered on the spot", "answeredOnSpot", "当场答复", "扫码提交的意见不能登记为当场答复"));
  }

  @ParameterizedTest(name = "an opinion {0} is refused on {1}")
  @MethodSource("refusedSubmissions")
  void opinionBreakingARuleIsRefusedOnThatFieldWithAChineseMessage(String what, String field, Object value,
      String message) {
    InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
        () -> service.submit(citizenSends(field, value), null));
    assertThat(refused).as("refused").isNotNull();
    assertThat(refused.errors()).containsExactly(Map.entry(field, message));
  }

  @ParameterizedTest(name = "{0} recorded without a staff member is refused on the channel")
  @MethodSource("staffChannels")
  void channelsOtherThanTheQrCodeNeedAStaffMember(Channel channel) {
    OpinionSubmission s = citizenSends("channel", channel);
    InvalidInputException refused = catchThrowableOfType(InvalidInputException.class, () -> service.submit(s, null));
    assertThat(refused.errors()).containsOnlyKeys("channel");
    assertThat(refused.errors().get("channel")).isEqualTo("只有联络站工作人员登录后才能登记该渠道的意见");
  }

  static Stream<Channel> staffChannels() {
    return Stream.of(Channel.values()).filter(c -> c != Channel.QR_CODE);
  }

  @ParameterizedTest(name = "phone {0} is accepted")
  @MethodSource("acceptedPhones")
  void mobileNumbersAreAcceptedWithSpacesDashesOrTheCountryCode(String phone) {
    // accepted as far as the rules go: the submission then needs the database, which this test has not
    Throwable t = catchThrowable(
        () -> service.submit(citizenSends("contactPhone", phone), null));
    assertThat(t).isNotInstanceOf(InvalidInputException.class);
  }

  static Stream<String> acceptedPhones() {
    return Stream.of("13712345678", "137 1234 5678", "137-1234-5678", "+8613712345678");
  }

  @ParameterizedTest(name = "a {0}-character opinion passes the rules")
  @MethodSource("acceptedLengths")
  void contentOfTenToTwoThousandCharactersPassesTheRules(int length) {
    Throwable t = catchThrowable(
        () -> service.submit(citizenSends("content", "渠".repeat(length)), null));
    assertThat(t).isNotInstanceOf(InvalidInputException.class);
  }

  static Stream<Integer> acceptedLengths() {
    return Stream.of(10, 2000);
  }

  @Test
  void everyMistakeIsNamedAtOnceInTheOrderOfTheForm() {
    OpinionSubmission s = new OpinionSubmission(null, null, "太短", null, null, "12345", false, false, null);
    InvalidInputException refused = catchThrowableOfType(InvalidInputException.class, () -> service.submit(s, null));
    assertThat(refused.errors()).containsOnlyKeys("stationCode", "category", "content", "place", "contactPhone",
        "consent");
    assertThat(List.copyOf(refused.errors().keySet())).containsExactly("stationCode", "category", "content", "place",
        "contactPhone", "consent");
  }

  @Test
  void anAnonymousOpinionsNameIsNotChecked() {
    Throwable t = catchThrowable(() -> service.submit(new OpinionSubmission(
        "cy-crane", "IRRIGATION", CONTENT, "某村", "名".repeat(51), null, true, true, null), null));
    assertThat(t).isNotInstanceOf(InvalidInputException.class);
  }
}
