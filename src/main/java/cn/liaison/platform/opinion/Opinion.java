package cn.liaison.platform.opinion;

import cn.liaison.platform.system.Masking;
import java.time.Instant;

/** An opinion (意见建议) as stored; contact fields are personal data and stay in this table. */
public record Opinion(long id, String ticketNo, String trackingKeyHash, String stationCode, Channel channel,
    String category, String content, String place, String contactName, String contactPhone, boolean anonymous,
    String recordedBy, OpinionStatus status, String grade, String departmentCode, Instant dueAt, boolean overdue,
    String route, String duplicateOf, String proposalDeputy, String rejectReason, int reopenCount,
    String processInstanceId, Instant submittedAt, Instant firstResponseAt, Instant repliedAt, Instant closedAt,
    String outcome, String satisfaction, String deputyUserId, String deputyAction, Instant deputyRespondedAt) {

  /** 138****1234 for people who need not call back; 匿名 / 未留电话 otherwise. */
  public String maskedContact() {
    return maskedContact(contactPhone, anonymous);
  }

  /** {@link #maskedContact()} of a phone number and anonymity about to be stored. */
  static String maskedContact(String contactPhone, boolean anonymous) {
    if (contactPhone == null || contactPhone.isBlank()) {
      return anonymous ? "匿名（未留电话）" : "未留电话";
    }
    String masked = Masking.phone(contactPhone);
    return anonymous ? "匿名 " + masked : masked;
  }
}
