package cn.liaison.platform.opinion.web;

import cn.liaison.platform.department.Department;
import cn.liaison.platform.department.Departments;
import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.system.TasklistSession;
import cn.liaison.platform.opinion.Categories;
import cn.liaison.platform.opinion.Opinion;
import cn.liaison.platform.opinion.Opinions;
import cn.liaison.platform.station.Stations;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The full opinion card for staff, opened from a Tasklist form. It uses the Tasklist login (the Camunda
 * webapp session), so no second login. Station staff see the citizen's full contact to call back; the other
 * working groups see it masked. Every view of a full contact is logged (who, which ticket; not the data).
 */
@Controller
class StaffOpinionController {

  private static final Logger audit = LoggerFactory.getLogger("audit.contact");
  static final Set<String> FULL_CONTACT = Set.of(PlatformGroups.STATION_STAFF, PlatformGroups.ADMIN);
  static final Set<String> MASKED_CONTACT = Set.of(PlatformGroups.ANALYSTS, PlatformGroups.SUPERVISORS,
      PlatformGroups.AUDITORS);

  private final Opinions opinions;
  private final Stations stations;
  private final Categories categories;
  private final Departments departments;

  StaffOpinionController(Opinions opinions, Stations stations, Categories categories, Departments departments) {
    this.opinions = opinions;
    this.stations = stations;
    this.categories = categories;
    this.departments = departments;
  }

  @GetMapping("/staff/opinions/{ticketNo}")
  String opinion(@PathVariable String ticketNo, HttpServletRequest request, HttpServletResponse response,
      Model model) {
    response.setHeader("Cache-Control", "no-store");
    TasklistSession.User user = TasklistSession.user(request.getSession(false)).orElse(null);
    if (user == null) {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      model.addAttribute("message", "请先登录任务列表（Tasklist），再打开此页面。");
      return "staff/denied";
    }
    Opinion o = opinions.findByTicket(ticketNo).orElse(null);
    List<String> groups = user.groups();
    boolean full = groups.stream().anyMatch(FULL_CONTACT::contains);
    boolean department = o != null && o.departmentCode() != null && departments.findByCode(o.departmentCode())
        .map(Department::groupId).filter(groups::contains).isPresent();
    if (o == null || !(full || department || groups.stream().anyMatch(MASKED_CONTACT::contains))) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("message", "未找到该意见，或您无权查看。");
      return "staff/denied";
    }
    if (full && o.contactPhone() != null) {
      audit.info("full contact of {} viewed by {}", o.ticketNo(), user.id());
    }
    model.addAttribute("opinion", o);
    model.addAttribute("station", stations.findByCode(o.stationCode()).orElse(null));
    model.addAttribute("categoryName", categories.nameOf(o.category()));
    model.addAttribute("department", o.departmentCode() == null ? null
        : departments.findByCode(o.departmentCode()).map(Department::name).orElse(o.departmentCode()));
    model.addAttribute("contactName", o.contactName() == null ? null
        : full ? o.contactName() : o.contactName().charAt(0) + "**");
    model.addAttribute("contact", full && o.contactPhone() != null ? o.contactPhone() : o.maskedContact());
    model.addAttribute("fullContact", full);
    model.addAttribute("events", opinions.events(o.id(), false));
    model.addAttribute("replies", opinions.replies(o.id()));
    return "staff/opinion";
  }
}
