package cn.liaison.platform.privacy.web;

import cn.liaison.platform.opinion.Opinion;
import cn.liaison.platform.opinion.Opinions;
import cn.liaison.platform.privacy.Erasure;
import cn.liaison.platform.station.Station;
import cn.liaison.platform.system.ConflictException;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.StaffSession;
import cn.liaison.platform.system.TasklistSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * The staff page's "删除个人信息" (/staff/opinions/{ticket}/erasure): a confirmation page with the reason field, then
 * the erasure, with the Tasklist login. Only the staff of the opinion's station see it; everyone else gets the page of
 * an unknown opinion. The staff pages run no scripts, so the form is a plain POST, guarded against forgery by a
 * token kept in the user's session and by the browser's Sec-Fetch-Site.
 */
@Controller
class ErasurePageController {

  static final String TOKEN = "liaison.erasureToken";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Opinions opinions;
  private final Erasure erasure;
  private final StaffSession staffSession;

  ErasurePageController(Opinions opinions, Erasure erasure, StaffSession staffSession) {
    this.opinions = opinions;
    this.erasure = erasure;
    this.staffSession = staffSession;
  }

  @GetMapping("/staff/opinions/{ticketNo}/erasure")
  String confirm(@PathVariable String ticketNo, HttpServletRequest request, HttpServletResponse response,
      Model model) {
    TasklistSession.User user = staffSession.current(request).orElse(null);
    if (user == null) {
      return StaffSession.loginRequired(response, model);
    }
    Opinion o = ownStations(ticketNo, user);
    if (o == null) {
      return StaffSession.notFound(response, model, "意见");
    }
    return page(o, request.getSession(), null, null, model);
  }

  @PostMapping("/staff/opinions/{ticketNo}/erasure")
  String erase(@PathVariable String ticketNo, @RequestParam(required = false) String reason,
      @RequestParam(required = false) String token, HttpServletRequest request, HttpServletResponse response,
      Model model) {
    TasklistSession.User user = staffSession.current(request).orElse(null);
    if (user == null) {
      return StaffSession.loginRequired(response, model);
    }
    Opinion o = ownStations(ticketNo, user);
    if (o == null) {
      return StaffSession.notFound(response, model, "意见");
    }
    HttpSession session = request.getSession(false);
    if (!sameSite(request) || session == null || !matches(session.getAttribute(TOKEN), token)) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      model.addAttribute("message", "此请求可能由其他网站伪造，已拒绝。请从意见详情页重新打开“删除个人信息”。");
      return "staff/denied";
    }
    try {
      erasure.eraseOpinion(o.ticketNo(), reason, user.id(), user.groups());
    } catch (InvalidInputException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return page(o, session, reason, e.errors().get("reason"), model);
    } catch (ConflictException e) {
      response.setStatus(HttpServletResponse.SC_CONFLICT);
      return page(o, session, reason, e.getMessage(), model);
    }
    session.removeAttribute(TOKEN);
    return "redirect:/staff/opinions/" + UriUtils.encodePathSegment(o.ticketNo(), StandardCharsets.UTF_8)
        + "?erased=1";
  }

  /** The opinion if the user is staff of its station; null otherwise (answered like an unknown ticket). */
  private Opinion ownStations(String ticketNo, TasklistSession.User user) {
    return opinions.findByTicket(ticketNo).filter(o -> user.groups().contains(Station.staffGroupOf(o.stationCode())))
        .orElse(null);
  }

  private static String page(Opinion o, HttpSession session, String reason, String error, Model model) {
    Object token = session.getAttribute(TOKEN);
    if (!(token instanceof String)) {
      byte[] bytes = new byte[24];
      RANDOM.nextBytes(bytes);
      token = HexFormat.of().formatHex(bytes);
      session.setAttribute(TOKEN, token);
    }
    model.addAttribute("opinion", o);
    model.addAttribute("erased", Opinions.ERASED.equals(o.content()));
    model.addAttribute("token", token);
    model.addAttribute("reason", reason);
    model.addAttribute("error", error);
    return "staff/erasure";
  }

  /** A browser says where a request comes from: a foreign page's form is "cross-site" (older browsers: the token). */
  private static boolean sameSite(HttpServletRequest request) {
    String site = request.getHeader("Sec-Fetch-Site");
    return site == null || site.equalsIgnoreCase("same-origin");
  }

  private static boolean matches(Object expected, String given) {
    return expected instanceof String e && given != null
        && MessageDigest.isEqual(e.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
