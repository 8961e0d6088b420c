package cn.liaison.platform.supervision;

import java.util.Map;

/**
 * 三色督办 in figures: the open items with a deadline right now, by colour, per kind (opinions, proposals — one per
 * handling unit still to answer — and rectification) and in total. Part of GET /api/statistics ({@code lights}).
 */
public record LightCounts(Map<String, Count> byKind, Count total) {

  /** One kind's items by colour; name is the kind in Chinese. */
  public record Count(String name, long green, long yellow, long red) {

    Count plus(Count other) {
      return new Count(name, green + other.green, yellow + other.yellow, red + other.red);
    }
  }
}
