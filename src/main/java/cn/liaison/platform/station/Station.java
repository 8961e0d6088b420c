package cn.liaison.platform.station;

import java.util.List;

/**
 * A deputy liaison station (联络站) with the deputies stationed there. Its staff are the members of its own
 * Camunda group {@link #staffGroup()} ({@code station-staff-<code>}), kept by administrators in Camunda Admin.
 */
public record Station(String code, String name, Kind kind, String county, String town, String address,
    boolean active, List<String> deputies) {

  /** Prefix of the stations' staff groups; the role group of all station staff is {@code station-staff}. */
  public static final String STAFF_GROUP_PREFIX = "station-staff-";

  /** The Camunda group of this station's staff: they sort its opinions and see its citizens' contact data. */
  public String staffGroup() {
    return staffGroupOf(code);
  }

  public static String staffGroupOf(String stationCode) {
    return STAFF_GROUP_PREFIX + stationCode;
  }

  /** The Chinese name of the staff group, as Camunda Admin and Tasklist show it. */
  public String staffGroupName() {
    return name + "工作人员";
  }

  public enum Kind {
    FIXED("固定站"), INDUSTRY("产业站"), MOBILE("流动站");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
