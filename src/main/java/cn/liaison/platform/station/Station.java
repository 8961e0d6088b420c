package cn.liaison.platform.station;

import java.util.List;

/** A deputy liaison station (联络站) with the deputies stationed there. */
public record Station(String code, String name, Kind kind, String county, String town, String address,
    boolean active, List<String> deputies) {

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
