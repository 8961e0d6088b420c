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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A department system's reply as it comes over the wire (JSON, read by Jackson); blank fields count as missing.
 * {@link #validated()} turns it into a {@link DepartmentReply} or refuses it with Chinese messages per field.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ReplyBody(String ticketNo, String type, String result, String text, String measures, String newDeadline,
    String proposalNo, String unit, String handlingAction, String proposalResult, String replyText,
    String contactedOn, String contactWay, String followUpOn, String returnReason, String extensionDeadline,
    String extensionReason, JsonNode lines) {

  /** The most payment results one report may carry. */
  static final int MAX_PAYMENT_LINES = 5000;

  private static final Set<String> RESULTS = Set.of("SOLVED", "PARTLY_SOLVED", "UNSOLVED");

  /** The fields of a deputy proposal's answer (HANDLE_PROPOSAL), passed on as they came, for the feature to check. */
  static final List<String> PROPOSAL_FIELDS = List.of("proposalNo", "unit", "handlingAction", "proposalResult",
      "replyText", "contactedOn", "contactWay", "followUpOn", "returnReason", "extensionDeadline", "extensionReason");

  ReplyBody {
    ticketNo = clean(ticketNo);
    proposalNo = clean(proposalNo);
    unit = clean(unit);
    handlingAction = clean(handlingAction);
    proposalResult = clean(proposalResult);
    replyText = clean(replyText);
    contactedOn = clean(contactedOn);
    contactWay = clean(contactWay);
    followUpOn = clean(followUpOn);
    returnReason = clean(returnReason);
    extensionDeadline = clean(extensionDeadline);
    extensionReason = clean(extensionReason);
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

  /** An opinion's reply (the fields of a proposal's answer left out). */
  ReplyBody(String ticketNo, String type, String result, String text, String measures, String newDeadline) {
    this(ticketNo, type, result, text, measures, newDeadline, null, null, null, null, null, null, null, null, null,
        null, null, null);
  }

  /** A deputy proposal's answer: it names proposalNo (JY…) or type PROPOSAL_ANSWER. */
  boolean isProposalAnswer() {
    return proposalNo != null || DepartmentReply.Type.PROPOSAL_ANSWER.name().equals(type)
        || (ticketNo != null && ticketNo.startsWith("JY"));
  }

  DepartmentReply validated() {
    if (isProposalAnswer()) {
      return validatedProposalAnswer();
    }
    if (DepartmentReply.Type.PAYMENT_RESULT.name().equals(type)) {
      return validatedPaymentResult();
    }
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

  /**
   * A unit's answer to a deputy proposal: the number and the unit must be there; what the answer says (action,
   * result class, dates) is checked by the proposal feature against the same rules as its Tasklist form.
   */
  private DepartmentReply validatedProposalAnswer() {
    Map<String, String> errors = new LinkedHashMap<>();
    if (proposalNo == null) {
      errors.put("proposalNo", "缺少代表建议编号 proposalNo（JY 开头）");
    } else if (!proposalNo.startsWith("JY") || proposalNo.length() > 64) {
      errors.put("proposalNo", "代表建议编号应以 JY 开头，例如 JY2026-0001");
    }
    if (unit == null) {
      errors.put("unit", "缺少答复单位编码 unit");
    }
    if (handlingAction == null) {
      errors.put("handlingAction", "缺少 handlingAction：REPLY（答复）、RETURN（退回）或 REQUEST_EXTENSION（申请延期）");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    String[] values = {proposalNo, unit, handlingAction, proposalResult, replyText, contactedOn, contactWay,
        followUpOn, returnReason, extensionDeadline, extensionReason};
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        fields.put(PROPOSAL_FIELDS.get(i), values[i]);
      }
    }
    return new DepartmentReply(proposalNo, DepartmentReply.Type.PROPOSAL_ANSWER, null, null, null, null, fields);
  }

  /**
   * The finance bureau's payment results of a subsidy batch: the batch (ticketNo BATCH-…) and a non-empty array of
   * lines; what each line says is checked by the campaign, which gets the array as it came (field lines).
   */
  private DepartmentReply validatedPaymentResult() {
    Map<String, String> errors = new LinkedHashMap<>();
    if (ticketNo == null || !ticketNo.startsWith("BATCH-") || ticketNo.length() > 64) {
      errors.put("ticketNo", "请给出补贴批次编号 ticketNo，例如 BATCH-12");
    }
    if (lines == null || !lines.isArray() || lines.isEmpty()) {
      errors.put("lines", "请给出逐户发放结果 lines（数组）");
    } else if (lines.size() > MAX_PAYMENT_LINES) {
      errors.put("lines", "一次最多回报 " + MAX_PAYMENT_LINES + " 户");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new DepartmentReply(ticketNo, DepartmentReply.Type.PAYMENT_RESULT, null, null, null, null,
        Map.of("lines", lines.toString()));
  }

  private static String clean(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
