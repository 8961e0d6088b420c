package cn.liaison.platform.campaign.ledger;

import java.util.ArrayList;
import java.util.List;

/** Why a household will not replant (household.unwilling_reasons holds the codes, comma-separated). */
public enum UnwillingReason {
  HIGH_GROUND("地势高"), SANDY_SOIL("沙土地"), HIGH_COST("成本高"), NO_LABOR("缺劳力"), OTHER("其他");

  private final String label;

  UnwillingReason(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

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
    for (UnwillingReason r : values()) {
      if (r.name().equals(code)) {
        return r.label;
      }
    }
    return code;
  }

  /** 地势高、成本高 for "HIGH_GROUND,HIGH_COST"; empty for none. */
  public static String labels(String stored) {
    return String.join("、", codes(stored).stream().map(UnwillingReason::labelOf).toList());
  }
}
