package cn.liaison.platform.identity;

import java.util.LinkedHashMap;
import java.util.Map;

/** The platform's fixed Camunda groups; department groups come from the department directory. */
public final class PlatformGroups {

  /**
   * The role of all station staff (Tasklist, campaign API). Which stations a member serves is given by the
   * stations' own groups station-staff-&lt;station code&gt; (see Station#staffGroup), one per station, created by
   * the identity seeder; administrators add staff to them in Camunda Admin.
   */
  public static final String STATION_STAFF = "station-staff";
  public static final String ANALYSTS = "analysts";
  public static final String DEPUTIES = "deputies";
  public static final String SUPERVISORS = "supervisors";
  public static final String AUDITORS = "auditors";
  /**
   * 人大常委会代表工委: the standing committee's deputy-work committee. Reviews and assigns deputies' proposals; reads
   * the deputy directory, Tasklist, and Cockpit read-only.
   */
  public static final String CONGRESS_OFFICE = "congress-office";
  public static final String ADMIN = "camunda-admin";

  /** id → Chinese name, in the order Camunda Admin lists them. */
  public static final Map<String, String> NAMES;

  static {
    var names = new LinkedHashMap<String, String>();
    names.put(STATION_STAFF, "联络站工作人员");
    names.put(ANALYSTS, "研判人员");
    names.put(DEPUTIES, "人大代表");
    names.put(SUPERVISORS, "督办人员");
    names.put(AUDITORS, "审计监督");
    names.put(CONGRESS_OFFICE, "人大常委会代表工委");
    names.put(ADMIN, "管理员");
    NAMES = java.util.Collections.unmodifiableMap(names);
  }

  private PlatformGroups() {}
}
