package cn.liaison.platform.campaign.web;

import cn.liaison.platform.campaign.Campaign;
import cn.liaison.platform.campaign.CampaignService;
import cn.liaison.platform.campaign.Campaigns;
import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.system.NotFoundException;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Station staff work on the campaigns of their own stations' town (the staff groups of the stations whose town is
 * the campaign's town; every station's staff if the town has no station); administrators on all. Another
 * station's campaign answers like an unknown one (404), so campaign codes cannot be probed for households.
 */
@Component
class CampaignAccess {

  private static final String GROUP = "GROUP_";

  private final Campaigns campaigns;
  private final CampaignService service;

  CampaignAccess(Campaigns campaigns, CampaignService service) {
    this.campaigns = campaigns;
    this.service = service;
  }

  /** The campaign if the user may work on it; 404 otherwise, exactly as for an unknown code. */
  Campaign require(String code, Authentication user) {
    return campaigns.find(code).filter(c -> mayWorkIn(c.town(), user))
        .orElseThrow(() -> new NotFoundException("改种行动不存在：" + code));
  }

  /**
   * The campaign's subsidy batches and payment workbooks: its town's station staff, the county finance bureau
   * (dept-finance) and administrators; anyone else gets 404, as for an unknown code.
   */
  Campaign requireForPayments(String code, Authentication user) {
    return campaigns.find(code).filter(c -> isFinance(user) || mayWorkIn(c.town(), user))
        .orElseThrow(() -> new NotFoundException("改种行动不存在：" + code));
  }

  /**
   * The same rule for the staff pages, which know the Tasklist session's groups (read again at this request):
   * the campaign, or empty where the API answers 404.
   */
  java.util.Optional<Campaign> forPayments(String code, java.util.Collection<String> groups) {
    return campaigns.find(code).filter(c -> groups.contains(FINANCE_GROUP) || mayWorkIn(c.town(), Set.copyOf(groups)));
  }

  /** Whether these groups are staff of a station of the campaign's town (not administrators, not finance). */
  boolean isTownStaff(Campaign campaign, java.util.Collection<String> groups) {
    return service.staffGroupsOfTown(campaign.town()).stream().anyMatch(groups::contains);
  }

  static final String FINANCE_GROUP = "dept-finance";

  private static boolean isFinance(Authentication user) {
    return user.getAuthorities().stream().anyMatch(a -> (GROUP + FINANCE_GROUP).equals(a.getAuthority()));
  }

  /** A new campaign of a town: only that town's station staff (or an administrator) may create it (403). */
  void requireTown(String town, Authentication user) {
    if (town != null && !town.isBlank() && !mayWorkIn(town, user)) {
      throw new AccessDeniedException("not staff of a station of " + town);
    }
  }

  private boolean mayWorkIn(String town, Authentication user) {
    return mayWorkIn(town, user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .filter(a -> a.startsWith(GROUP)).map(a -> a.substring(GROUP.length())).collect(Collectors.toSet()));
  }

  private boolean mayWorkIn(String town, Set<String> groups) {
    return groups.contains(PlatformGroups.ADMIN) || service.staffGroupsOfTown(town).stream().anyMatch(groups::contains);
  }
}
