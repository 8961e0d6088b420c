package cn.liaison.platform.station;

/**
 * A deputy stationed at a station (驻站代表) and his or her role there. A station has at most one head (站长); a deputy
 * may be stationed at several stations, with a role at each.
 */
public record DeputyPosting(String stationCode, String deputyUserId, Role role) {

  public enum Role {
    HEAD("站长"), DEPUTY_HEAD("副站长"), MEMBER("驻站代表");

    private final String label;

    Role(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
