package cn.liaison.platform.campaign.ledger;

import cn.liaison.platform.campaign.CampaignProcess.UnwillingReason;
import java.util.ArrayList;
import java.util.List;

/** Reading household.unwilling_reasons: the codes of {@link UnwillingReason}, comma-separated. */
final class UnwillingReasons {

  private UnwillingReasons() {}

  /** The stored codes in order; blanks dropped, unknown codes kept as they are. */
  static List<String> codes(String stored) {
    List<String> codes = new ArrayList<>();
    if (stored != null) {
      for (String part : stored.split(",")) {
        String code = part.strip();
        if (!code.isEmpty() && !codes.contains(code)) {
          codes.add(code);
        }
      }
    }
    return codes;
  }

  /** The Chinese label of a code, or the code itself if it is not one of ours. */
  static String labelOf(String code) {
    for (UnwillingReason r : UnwillingReason.values()) {
      if (r.name().equals(code)) {
        return r.label();
      }
    }
    return code;
  }

  /** 地势高、成本高 for "HIGH_GROUND,HIGH_COST"; empty for none. */
  static String labels(String stored) {
    return String.join("、", codes(stored).stream().map(UnwillingReasons::labelOf).toList());
  }
}
