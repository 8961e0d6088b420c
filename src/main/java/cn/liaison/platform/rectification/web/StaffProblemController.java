package cn.liaison.platform.rectification.web;

import cn.liaison.platform.evidence.EvidenceService;
import cn.liaison.platform.rectification.Caller;
import cn.liaison.platform.rectification.Rectification;
import cn.liaison.platform.rectification.RectificationAccess;
import cn.liaison.platform.rectification.RectificationService;
import cn.liaison.platform.system.NotFoundException;
import cn.liaison.platform.system.StaffSession;
import cn.liaison.platform.system.TasklistSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The problem's page that the rectification forms link to, opened with the Tasklist login (groups read again at every
 * request): the problem, its handling, verification, feedback and 销号, and its evidence photos. Its readers are those
 * of GET /api/problems/{no} (the drive's station staff, analysts, supervisors, the congress office, the responsible
 * unit, the grid's deputy); anyone else gets the page of an unknown number, and no photo.
 */
@Controller
class StaffProblemController {

  private final RectificationService rectifications;
  private final RectificationAccess access;
  private final EvidenceService evidence;
  private final StaffSession staffSession;

  private cn.liaison.platform.supervision.SupervisionCounts supervisionLights;

  @org.springframework.beans.factory.annotation.Autowired
  void setSupervisionLights(cn.liaison.platform.supervision.SupervisionCounts supervisionLights) {
    this.supervisionLights = supervisionLights;
  }

  StaffProblemController(RectificationService rectifications, RectificationAccess access, EvidenceService evidence,
      StaffSession staffSession) {
    this.rectifications = rectifications;
    this.access = access;
    this.evidence = evidence;
    this.staffSession = staffSession;
  }

  @GetMapping("/staff/problems/{problemNo}")
  String problem(@PathVariable String problemNo, HttpServletRequest request, HttpServletResponse response,
      Model model) {
    TasklistSession.User user = staffSession.current(request).orElse(null);
    if (user == null) {
      return StaffSession.loginRequired(response, model);
    }
    Rectification.Problem p;
    try {
      p = access.requireSee(problemNo, new Caller(user.id(), Set.copyOf(user.groups())));
    } catch (NotFoundException e) {
      return StaffSession.notFound(response, model, "问题");
    }
    model.addAttribute("problem", rectifications.problemView(problemNo));
    model.addAttribute("light", supervisionLights.lightOf(problemNo)); // 三色督办, null when none
    model.addAttribute("photos", evidence.of(RectificationAccess.SUBJECT, Long.toString(p.id())));
    return "staff/problem";
  }

  @GetMapping("/staff/problems/{problemNo}/evidence/{id}")
  ResponseEntity<byte[]> photo(@PathVariable String problemNo, @PathVariable long id, HttpServletRequest request) {
    TasklistSession.User user = staffSession.current(request).orElse(null);
    if (user == null) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
    }
    try {
      Rectification.Problem p = access.requireSee(problemNo, new Caller(user.id(), Set.copyOf(user.groups())));
      var photo = evidence.read(RectificationAccess.SUBJECT, Long.toString(p.id()), id);
      return ResponseEntity.ok().contentType(MediaType.parseMediaType(photo.getKey().contentType()))
          .header(HttpHeaders.CACHE_CONTROL, "private, no-store").body(photo.getValue());
    } catch (NotFoundException e) {
      return ResponseEntity.notFound().build();
    }
  }
}
