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
