package cn.liaison.platform.department;

import cn.liaison.platform.calendar.Dates;
import cn.liaison.platform.system.InvalidInputException;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A department system's reply as it comes over the wire (JSON, read by Jackson); blank fields count as missing.
 * {@link #validated()} turns it into a {@link DepartmentReply} or refuses it with Chinese messages per field.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ReplyBody(String ticketNo, String type, String result, String text, String measures, String newDeadline) {

  private static final Set<String> RESULTS = Set.of("SOLVED", "PARTLY_SOLVED", "UNSOLVED");

  ReplyBody {
    ticketNo = clean(ticketNo);
    type = clean(type);
    result = clean(result);
    text = clean(text);
    measures = clean(measures);
    newDeadline = clean(newDeadline);
  }

  /** Reads the request body: a JSON object whose fields are text; refuses anything else with a 400. */
  static ReplyBody read(ObjectMapper json, byte[] body) {
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (IOException e) {
      throw new InvalidInputException("body", "请求内容不是有效的 JSON");
    }
    if (node == null || !node.isObject()) {
      throw new InvalidInputException("body", "请求内容应为 JSON 对象");
    }
    try {
      return json.treeToValue(node, ReplyBody.class);
    } catch (JsonMappingException e) {
      String field = e.getPath().isEmpty() ? "body" : e.getPath().get(0).getFieldName();
      throw new InvalidInputException(field, field + " 应为文字");
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("body", "请求内容不是有效的 JSON");
    }
  }

  DepartmentReply validated() {
    Map<String, String> errors = new LinkedHashMap<>();
    if (ticketNo == null) {
      errors.put("ticketNo", "缺少编号 ticketNo");
    }
    DepartmentReply.Type replyType = null;
    try {
      replyType = DepartmentReply.Type.valueOf(String.valueOf(type));
    } catch (IllegalArgumentException e) {
      errors.put("type", "type 应为 ACCEPTED、PROGRESS、EXTENSION_REQUEST 或 FINAL");
    }
    LocalDate deadline = null;
    if (newDeadline != null) {
      try {
        deadline = Dates.parse(newDeadline, ZoneOffset.UTC); // a text, so the zone plays no part
      } catch (DateTimeParseException e) {
        errors.put("newDeadline", "日期格式应为 yyyy-MM-dd");
      }
    }
    if (replyType == DepartmentReply.Type.FINAL) {
      if (result == null || !RESULTS.contains(result)) {
        errors.put("result", "办结答复须给出 result：SOLVED、PARTLY_SOLVED 或 UNSOLVED");
      }
      if (text == null) {
        errors.put("text", "办结答复须有答复内容 text");
      }
    }
    if (replyType == DepartmentReply.Type.EXTENSION_REQUEST) {
      if (deadline == null && !errors.containsKey("newDeadline")) {
        errors.put("newDeadline", "申请延期须给出 newDeadline");
      }
      if (text == null) {
        errors.put("text", "申请延期须说明理由 text");
      }
    }
    if (text != null && text.length() > 4000) {
      errors.put("text", "text 不能超过 4000 个字");
    }
    if (measures != null && measures.length() > 2000) {
      errors.put("measures", "measures 不能超过 2000 个字");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new DepartmentReply(ticketNo, replyType, result, text, measures, deadline);
  }

  private static String clean(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
