package cn.liaison.platform.campaign;

import cn.liaison.platform.department.Department;
import cn.liaison.platform.department.DepartmentReply;
import cn.liaison.platform.department.DepartmentReplyListener;
import cn.liaison.platform.system.ConflictException;
import cn.liaison.platform.system.InvalidInputException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The finance bureau's system reports the payment results of a subsidy batch (type PAYMENT_RESULT, ticketNo
 * BATCH-&lt;id&gt;, lines {householdNo, status PAID | FAILED, paidOn, voucherNo, reason}). Only dept-finance may.
 */
@Component
class SubsidyPaymentReplies implements DepartmentReplyListener {

  private final SubsidyPayments payments;
  private final ObjectMapper json;

  SubsidyPaymentReplies(SubsidyPayments payments, ObjectMapper json) {
    this.payments = payments;
    this.json = json;
  }

  @Override
  public boolean handles(String reference) {
    return reference != null && reference.startsWith(SubsidyPayments.BATCH_PREFIX);
  }

  @Override
  public void onReply(Department department, DepartmentReply reply) {
    if (reply.type() != DepartmentReply.Type.PAYMENT_RESULT) {
      throw new InvalidInputException("type", "补贴批次只接受发放结果回报（type PAYMENT_RESULT）");
    }
    if (!SubsidyPayments.FINANCE.equals(department.code())) {
      // the same answer as for an unknown batch, so batches cannot be walked by another department
      throw new ConflictException("补贴批次 " + reply.ticketNo() + " 不在贵单位发放中");
    }
    payments.reportFromFinanceSystem(reply.ticketNo(), lines(reply.field("lines")));
  }

  private List<SubsidyPayments.PaymentResult> lines(String text) {
    JsonNode array;
    try {
      array = json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("lines", "lines 应为数组");
    }
    Map<String, String> errors = new LinkedHashMap<>();
    List<SubsidyPayments.PaymentResult> results = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode line = array.get(i);
      String at = "lines[" + i + "].";
      if (!line.isObject()) {
        errors.put("lines[" + i + "]", "每一户的结果应为对象 {householdNo, status, paidOn, voucherNo, reason}");
        continue;
      }
      LocalDate paidOn = null;
      String date = text(line, "paidOn");
      if (date != null) {
        try {
          paidOn = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
          errors.put(at + "paidOn", "日期格式应为 yyyy-MM-dd");
          continue;
        }
      }
      results.add(new SubsidyPayments.PaymentResult(text(line, "householdNo"), text(line, "status"), paidOn,
          text(line, "voucherNo"), text(line, "reason"), i));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return results;
  }

  private static String text(JsonNode line, String name) {
    JsonNode v = line.get(name);
    if (v == null || v.isNull() || !v.isValueNode()) {
      return null;
    }
    String s = v.asText().strip();
    return s.isEmpty() || s.length() > 200 ? (s.isEmpty() ? null : s.substring(0, 201)) : s;
  }
}
