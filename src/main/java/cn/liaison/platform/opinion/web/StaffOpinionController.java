package cn.liaison.platform.opinion.web;

import cn.liaison.platform.audit.AuditAction;
import cn.liaison.platform.audit.AuditSubject;
import cn.liaison.platform.audit.AuditTrail;
import cn.liaison.platform.department.Department;
import cn.liaison.platform.department.Departments;
import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.opinion.Categories;
import cn.liaison.platform.opinion.Opinion;
import cn.liaison.platform.opinion.Opinions;
import cn.liaison.platform.station.Station;
import cn.liaison.platform.station.Stations;
import cn.liaison.platform.system.Masking;
import cn.liaison.platform.system.StaffSession;
import cn.liaison.platform.system.TasklistSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The full opinion card for staff, opened from a Tasklist form. It uses the Tasklist login (the Camunda
 * webapp session), so no second login; the user's groups are read again at every request. The staff of the
 * opinion's own station (group station-staff-&lt;code&gt;) see the citizen's full contact to call back; analysts,
 * supervisors, auditors, administrators and the department in charge see it masked. Anyone else, including the
 * staff of other stations, gets the same page as for an unknown ticket, so tickets cannot be walked. Every view
 * of a full contact is recorded in the audit trail (who, which ticket, from where; not the data).
 */
@Controller
class StaffOpinionController {

  static final Set<String> MASKED_CONTACT = Set.of(PlatformGroups.ANALYSTS, PlatformGroups.SUPERVISORS,
      PlatformGroups.AUDITORS, PlatformGroups.ADMIN);

  private final Opinions opinions;
  private final Stations stations;
  private final Categories categories;
  private final Departments departments;
  private final StaffSession staffSession;
  private final AuditTrail audit;

  private cn.liaison.platform.supervision.SupervisionCounts supervisionLights;

  @org.springframework.beans.factory.annotation.Autowired
  void setSupervisionLights(cn.liaison.platform.supervision.SupervisionCounts supervisionLights) {
    this.supervisionLights = supervisionLights;
  }

  StaffOpinionController(Opinions opinions, Stations stations, Categories categories, Departments departments,
      StaffSession staffSession, AuditTrail audit) {
    this.staffSession = staffSession;
    this.audit = audit;
    this.opinions = opinions;
    this.stations = stations;
    this.categories = categories;
    this.departments = departments;
  }

  @GetMapping("/staff/opinions/{ticketNo}")
  String opinion(@PathVariable String ticketNo, HttpServletRequest request, HttpServletResponse response,
      Model model) {
    TasklistSession.User user = staffSession.current(request).orElse(null);
    if (user == null) {
      return StaffSession.loginRequired(response, model);
    }
    Opinion o = opinions.findByTicket(ticketNo).orElse(null);
    List<String> groups = user.groups();
    boolean full = o != null && groups.contains(Station.staffGroupOf(o.stationCode()));
    boolean department = o != null && o.departmentCode() != null && departments.findByCode(o.departmentCode())
        .map(Department::groupId).filter(groups::contains).isPresent();
    // the deputy a citizen addressed through the deputy's code (代表码) reads the card the phone workbench links to
    boolean addressedDeputy = o != null && user.id().equals(o.deputyUserId());
    if (o == null || !(full || department || addressedDeputy || groups.stream().anyMatch(MASKED_CONTACT::contains))) {
      return StaffSession.notFound(response, model, "意见");
    }
    if (full && o.contactPhone() != null) {
      audit.recordBy(user.id(), AuditAction.CONTACT_VIEWED, AuditSubject.opinion(o.ticketNo()), o.stationCode(),
          "查看群众的姓名和电话（意见详情页）", null);
    }
    model.addAttribute("opinion", o);
    model.addAttribute("light", supervisionLights.lightOf(o.ticketNo())); // 三色督办, null when none
    model.addAttribute("station", stations.findByCode(o.stationCode()).orElse(null));
    model.addAttribute("categoryName", categories.nameOf(o.category()));
    model.addAttribute("department", o.departmentCode() == null ? null
        : departments.findByCode(o.departmentCode()).map(Department::name).orElse(o.departmentCode()));
    model.addAttribute("contactName", o.contactName() == null ? null
        : full ? o.contactName() : Masking.name(o.contactName()));
    model.addAttribute("contact", full && o.contactPhone() != null ? o.contactPhone() : o.maskedContact());
    model.addAttribute("fullContact", full);
    model.addAttribute("events", opinions.events(o.id(), false));
    model.addAttribute("replies", opinions.replies(o.id()));
    return "staff/opinion";
  }
}
