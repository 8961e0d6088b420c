package cn.liaison.platform.campaign.web;

import cn.liaison.platform.audit.AuditAction;
import cn.liaison.platform.audit.AuditSubject;
import cn.liaison.platform.audit.AuditTrail;
import cn.liaison.platform.campaign.Campaign;
import cn.liaison.platform.campaign.CampaignService;
import cn.liaison.platform.campaign.Campaigns;
import cn.liaison.platform.campaign.Household;
import cn.liaison.platform.campaign.Households;
import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.system.Masking;
import cn.liaison.platform.system.StaffSession;
import cn.liaison.platform.system.TasklistSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The household card that the sign-off forms link to, opened with the Tasklist login (groups read again at
 * every request). The responsible deputy and the staff of the stations of the campaign's town see the head of
 * household and phone to visit and call; other deputies, the agriculture bureau, supervisors, auditors and
 * administrators see them masked; the staff of other stations get the same page as for an unknown household.
 * Views of the full contact are recorded in the audit trail (who, which household, from where; not the data).
 */
@Controller
class StaffHouseholdController {


  private final Households households;
  private final Campaigns campaigns;
  private final CampaignService campaignService;
  private final StaffSession staffSession;
  private final AuditTrail audit;

  StaffHouseholdController(Households households, Campaigns campaigns, CampaignService campaignService,
      StaffSession staffSession, AuditTrail audit) {
    this.audit = audit;
    this.households = households;
    this.campaigns = campaigns;
    this.campaignService = campaignService;
    this.staffSession = staffSession;
  }

  @GetMapping("/staff/households/{id}")
  String household(@PathVariable long id, HttpServletRequest request, HttpServletResponse response, Model model) {
    TasklistSession.User user = staffSession.current(request).orElse(null);
    if (user == null) {
      return StaffSession.loginRequired(response, model);
    }
    Household h = households.find(id).orElse(null);
    Campaign campaign = h == null ? null : campaigns.find(h.campaignCode()).orElse(null);
    List<String> groups = user.groups();
    boolean full = h != null && (user.id().equals(h.responsibleDeputy())
        || (campaign != null && campaignService.staffGroups(campaign).stream().anyMatch(groups::contains)));
    boolean masked = groups.contains(PlatformGroups.DEPUTIES) || groups.contains("dept-agriculture")
        || groups.contains(PlatformGroups.AUDITORS) || groups.contains(PlatformGroups.SUPERVISORS)
        || groups.contains(PlatformGroups.ADMIN);
    if (h == null || !(full || masked)) {
      return StaffSession.notFound(response, model, "农户");
    }
    if (full) {
      audit.recordBy(user.id(), AuditAction.CONTACT_VIEWED, AuditSubject.household(h.campaignCode(), h.householdNo()),
          null, "查看户主姓名和电话（农户卡片）", null);
    }
    model.addAttribute("household", h);
    model.addAttribute("campaign", campaign);
    model.addAttribute("headName", full ? h.headName() : Masking.name(h.headName()));
    model.addAttribute("phone", h.phone() == null ? "未登记" : full ? h.phone() : Masking.phone(h.phone()));
    model.addAttribute("fullContact", full);
    return "staff/household";
  }
}
