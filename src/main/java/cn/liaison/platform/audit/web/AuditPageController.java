package cn.liaison.platform.audit.web;

import cn.liaison.platform.audit.AuditAction;
import cn.liaison.platform.audit.AuditFilter;
import cn.liaison.platform.audit.AuditReader;
import cn.liaison.platform.audit.AuditWorkbook;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.StaffSession;
import cn.liaison.platform.system.TasklistSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit page (/audit → /staff/audit) with the login of Cockpit or Tasklist, like the other staff pages: filters, pages of 50,
 * newest first, the .xlsx export of the filtered rows, and Camunda's user operation log beside it. Auditors and
 * administrators only; everyone else gets 403.
 */
@Controller
class AuditPageController {

  /**
   * The groups that read the audit trail: PlatformGroups.AUDITORS and ADMIN, named here because the identity feature
   * depends on features that write to the audit trail (AuditTrailTests checks they match).
   */
  static final Set<String> READERS = Set.of("auditors", "camunda-admin");

  private final AuditReader reader;
  private final AuditWorkbook workbook;
  private final StaffSession staffSession;

  AuditPageController(AuditReader reader, AuditWorkbook workbook, StaffSession staffSession) {
    this.reader = reader;
    this.workbook = workbook;
    this.staffSession = staffSession;
  }

  @GetMapping("/audit")
  String short_() {
    return "redirect:/staff/audit";
  }

  @GetMapping("/staff/audit")
  String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String user, @RequestParam(required = false) String action,
      @RequestParam(required = false) String subject, @RequestParam(required = false) String station,
      @RequestParam(defaultValue = "1") String page, HttpServletRequest request, HttpServletResponse response,
      Model model) {
    String denied = guard(request, response, model);
    if (denied != null) {
      return denied;
    }
    AuditReader.Request query = new AuditReader.Request(from, to, user, action, subject, station);
    model.addAttribute("q", query);
    model.addAttribute("actions", List.of(AuditAction.values()));
    try {
      AuditFilter filter = reader.filter(query);
      int pageNo;
      try {
        pageNo = Integer.parseInt(page.strip());
      } catch (NumberFormatException e) {
        throw new InvalidInputException("page", "页码应为整数");
      }
      AuditReader.Page p = reader.page(filter, pageNo);
      model.addAttribute("result", p);
      model.addAttribute("engineOperations", reader.engineOperations(filter, AuditReader.PAGE_SIZE));
      model.addAttribute("errors", Map.of());
    } catch (InvalidInputException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("errors", new LinkedHashMap<>(e.errors()));
    }
    return "staff/audit";
  }

  @GetMapping("/staff/audit/export.xlsx")
  Object export(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String user, @RequestParam(required = false) String action,
      @RequestParam(required = false) String subject, @RequestParam(required = false) String station,
      HttpServletRequest request, HttpServletResponse response, Model model) {
    String denied = guard(request, response, model);
    if (denied != null) {
      return denied;
    }
    try {
      ResponseEntity<byte[]> file = AuditController.xlsx(reader, workbook,
          new AuditReader.Request(from, to, user, action, subject, station));
      return file;
    } catch (InvalidInputException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("message", String.join("；", e.errors().values()));
      return "staff/denied";
    }
  }

  /** null if the user may read the audit trail; else the denied page's view (401 not logged in, 403 no right). */
  private String guard(HttpServletRequest request, HttpServletResponse response, Model model) {
    TasklistSession.User user = staffSession.current(request).orElse(null);
    if (user == null) {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      model.addAttribute("message", "请先登录流程监控（Cockpit）或任务列表（Tasklist），再打开此页面。");
      return "staff/denied";
    }
    if (user.groups().stream().noneMatch(READERS::contains)) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      model.addAttribute("message", "审计记录仅供审计监督人员和管理员查看。");
      return "staff/denied";
    }
    return null;
  }
}
