package cn.liaison.platform.identity;

/**
 * Spring Security expressions for {@code @PreAuthorize}, over the authorities GROUP_&lt;Camunda group&gt; (see
 * {@link PlatformGroups}). Constant expressions, so annotations can use them.
 */
public final class Roles {

  private Roles() {}

  private static final String GROUP = "GROUP_";

  /** Station staff (any station) and administrators. */
  public static final String STATION_STAFF_OR_ADMIN = "hasAnyAuthority('" + GROUP + PlatformGroups.STATION_STAFF
      + "','" + GROUP + PlatformGroups.ADMIN + "')";

  /** Who may read the deputy directory (names, levels, sectors, stations; phones masked). */
  public static final String DEPUTY_DIRECTORY_READERS = "hasAnyAuthority('" + GROUP + PlatformGroups.STATION_STAFF
      + "','" + GROUP + PlatformGroups.ANALYSTS + "','" + GROUP + PlatformGroups.DEPUTIES
      + "','" + GROUP + PlatformGroups.CONGRESS_OFFICE + "','" + GROUP + PlatformGroups.ADMIN + "')";
}
