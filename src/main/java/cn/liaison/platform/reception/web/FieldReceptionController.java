package cn.liaison.platform.reception.web;

import cn.liaison.platform.opinion.Categories;
import cn.liaison.platform.reception.Reception;
import cn.liaison.platform.reception.ReceptionService;
import cn.liaison.platform.system.ConflictException;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.NotFoundException;
import cn.liaison.platform.system.StaffSession;
import cn.liaison.platform.system.TasklistSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * The deputies' phone page of a reception session (/field/receptions/{no}): a plain HTML form, no script, that
 * records a visit in a few taps on a slow network, and the session's figures so far. Opened with the Tasklist login
 * (groups read again at every request, {@link StaffSession}); only the session's deputies on duty see it, anyone else
 * gets the page of an unknown session.
 */
@Controller
class FieldReceptionController {

  static final String WHAT = "接待";

  private final ReceptionService receptions;
  private final Categories categories;
  private final StaffSession staffSession;

  FieldReceptionController(ReceptionService receptions, Categories categories, StaffSession staffSession) {
    this.receptions = receptions;
    this.categories = categories;
    this.staffSession = staffSession;
  }

  @GetMapping("/field/receptions")
  String duties(HttpServletRequest request, HttpServletResponse response, Model model) {
    TasklistSession.User user = staffSession.current(request).orElse(null);
    if (user == null) {
      return StaffSession.loginRequired(response, model);
    }
    model.addAttribute("duties", receptions.dutiesOf(user.id()));
    return "field/receptions";
  }

  @GetMapping("/field/receptions/{receptionNo}")
  String page(@PathVariable String receptionNo, @RequestParam(required = false) String recorded,
      HttpServletRequest request, HttpServletResponse response, Model model) {
    // the ticket and key of an opinion just recorded come as flash attributes (kept in the session, never in the URL)
    TasklistSession.User user = staffSession.current(request).orElse(null);
    if (user == null) {
      return StaffSession.loginRequired(response, model);
    }
    Reception r = onDuty(receptionNo, user);
    if (r == null) {
      return StaffSession.notFound(response, model, WHAT);
    }
    Object ticket = model.getAttribute("recordedTicket");
    Object key = model.getAttribute("recordedKey");
    String message = ticket != null ? "已登记，意见受理编号 " + ticket + "，查询码 " + key
        + "。请告诉群众（可写在纸条上），凭受理编号和查询码查看办理进度、评价答复。"
        : "visit".equals(recorded) ? "已登记一批来访。" : null;
    return render(r, Map.of("visitors", "1"), Map.of(), message, null, model);
  }

  @PostMapping("/field/receptions/{receptionNo}/visits")
  String record(@PathVariable String receptionNo, @RequestParam Map<String, String> form, HttpServletRequest request,
      HttpServletResponse response, Model model,
      org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
    TasklistSession.User user = staffSession.current(request).orElse(null);
    if (user == null) {
      return StaffSession.loginRequired(response, model);
    }
    Reception r = onDuty(receptionNo, user);
    if (r == null) {
      return StaffSession.notFound(response, model, WHAT);
    }
    Map<String, String> errors = new LinkedHashMap<>();
    Integer visitors = null;
    try {
      visitors = Integer.valueOf(form.getOrDefault("visitors", "").strip());
    } catch (NumberFormatException e) {
      errors.put("visitors", "请填写来访人数（数字）");
    }
    if (errors.isEmpty()) {
      boolean opinion = !blank(form.get("category")) || !blank(form.get("content"));
      var visit = new ReceptionService.VisitRequest(visitors, form.get("topic"), opinion
          ? new ReceptionService.VisitOpinion(form.get("category"), form.get("content"), form.get("place"),
              form.get("contactName"), form.get("contactPhone"), "on".equals(form.get("consent")) ? true : null)
          : null, "on".equals(form.get("solvedOnSpot")), form.get("solution"));
      try {
        var done = receptions.recordVisit(r.receptionNo(), visit, user.id());
        if (done.opinionTicketNo() != null) {
          redirect.addFlashAttribute("recordedTicket", done.opinionTicketNo());
          redirect.addFlashAttribute("recordedKey", done.trackingKey());
        }
        return "redirect:/field/receptions/" + UriUtils.encodePathSegment(r.receptionNo(), StandardCharsets.UTF_8)
            + "?recorded=visit";
      } catch (InvalidInputException e) {
        errors.putAll(e.errors());
      } catch (ConflictException e) {
        response.setStatus(HttpServletResponse.SC_CONFLICT);
        return render(r, form, Map.of(), null, e.getMessage(), model);
      }
    }
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    return render(r, form, errors, null, null, model);
  }

  private String render(Reception r, Map<String, String> form, Map<String, String> errors, String recorded,
      String conflict, Model model) {
    var view = receptions.view(r.receptionNo());
    model.addAttribute("r", view);
    model.addAttribute("categories", categories.findActive());
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("errorList", List.copyOf(errors.values()));
    model.addAttribute("recorded", recorded);
    model.addAttribute("conflict", conflict);
    List<ReceptionService.VisitView> visits = view.visitList();
    List<ReceptionService.VisitView> recent = new java.util.ArrayList<>(
        visits.subList(Math.max(0, visits.size() - 5), visits.size()));
    java.util.Collections.reverse(recent);
    model.addAttribute("recent", recent);
    return "field/reception";
  }

  private Reception onDuty(String receptionNo, TasklistSession.User user) {
    try {
      Reception r = receptions.require(receptionNo);
      return receptions.onDuty(r, user.id()) ? r : null;
    } catch (NotFoundException e) {
      return null;
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
