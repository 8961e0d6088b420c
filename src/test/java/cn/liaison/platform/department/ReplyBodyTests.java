package cn.liaison.platform.department;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.liaison.platform.system.InvalidInputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A department system's reply as read from its JSON, without a server: Chinese messages per field. */
class ReplyBodyTests {

  static final ObjectMapper JSON = new ObjectMapper();

  static DepartmentReply read(String json) {
    return ReplyBody.read(JSON, json.getBytes(StandardCharsets.UTF_8)).validated();
  }

  @Test
  void readsAnExtensionRequestWithItsDayAndIgnoresFieldsItDoesNotKnow() {
    DepartmentReply reply = read("""
        {"ticketNo": " YJ20261202-0001 ", "type": "EXTENSION_REQUEST", "newDeadline": "2026-12-31T00:00:00",
         "text": "需要更多时间", "measures": "  ", "replyUrl": "ignored"}""");
    assertThat(reply).isEqualTo(new DepartmentReply("YJ20261202-0001", DepartmentReply.Type.EXTENSION_REQUEST, null,
        "需要更多时间", null, LocalDate.of(2026, 12, 31)));
  }

  @Test
  void readsADeputyProposalsAnswerAndPassesItsFieldsOnForTheProposalToCheck() {
    DepartmentReply reply = read("""
        {"proposalNo": " JY2026-0007 ", "unit": "dept-water", "handlingAction": "REPLY", "contactedOn": "2026-12-08",
         "contactWay": "VISIT", "proposalResult": "B", "followUpOn": "2027-06-30", "replyText": "已列入明年计划。",
         "returnReason": " "}""");
    assertThat(reply.type()).isEqualTo(DepartmentReply.Type.PROPOSAL_ANSWER);
    assertThat(reply.ticketNo()).isEqualTo("JY2026-0007");
    assertThat(reply.fields()).containsEntry("unit", "dept-water").containsEntry("proposalResult", "B")
        .containsEntry("followUpOn", "2027-06-30").doesNotContainKey("returnReason");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      {"proposalNo": "JY2026-0001", "handlingAction": "REPLY"}      | unit           | 缺少答复单位编码 unit
      {"proposalNo": "JY2026-0001", "unit": "dept-water"}           | handlingAction | 缺少 handlingAction：REPLY（答复）、RETURN（退回）或 REQUEST_EXTENSION（申请延期）
      {"proposalNo": "YJ2026-0001", "unit": "dept-water", "handlingAction": "REPLY"} | proposalNo | 代表建议编号应以 JY 开头，例如 JY2026-0001
      {"ticketNo": "JY2026-0001", "type": "FINAL", "result": "SOLVED", "text": "已办结"} | proposalNo | 缺少代表建议编号 proposalNo（JY 开头）
      """)
  void refusesAProposalAnswerWithoutItsNumberUnitOrAction(String json, String field, String message) {
    assertThatThrownBy(() -> read(json)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.errors()).containsEntry(field, message));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      not json                                         | body         | 请求内容不是有效的 JSON
      ["FINAL"]                                        | body         | 请求内容应为 JSON 对象
      {"type": "FINAL", "text": "已办结"}               | ticketNo     | 缺少编号 ticketNo
      {"ticketNo": "YJ1", "type": "DONE"}              | type         | type 应为 ACCEPTED、PROGRESS、EXTENSION_REQUEST 或 FINAL
      {"ticketNo": "YJ1", "type": "FINAL", "text": "好"} | result       | 办结答复须给出 result：SOLVED、PARTLY_SOLVED 或 UNSOLVED
      {"ticketNo": "YJ1", "type": "FINAL", "result": "SOLVED"} | text | 办结答复须有答复内容 text
      {"ticketNo": "YJ1", "type": "EXTENSION_REQUEST", "text": "理由"} | newDeadline | 申请延期须给出 newDeadline
      {"ticketNo": "YJ1", "type": "PROGRESS", "newDeadline": "明年"} | newDeadline | 日期格式应为 yyyy-MM-dd
      {"ticketNo": {"no": 1}, "type": "PROGRESS"}       | ticketNo     | ticketNo 应为文字
      """)
  void refusesWhatDoesNotFit(String json, String field, String message) {
    assertThatThrownBy(() -> read(json)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.errors()).containsEntry(field, message));
  }
}
