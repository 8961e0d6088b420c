package cn.liaison.platform.mobile;

import cn.liaison.platform.system.StaffSession;
import cn.liaison.platform.system.TasklistSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The workbench's login, logout and shell. The login checks the password with the Camunda identity service and puts
 * the same authentication into the HTTP session as Tasklist's login does, so one login serves /m, the household card
 * and the field pages; the session is kept for a working day (liaison.mobile.session-hours). Only users who may use
 * Tasklist may use /m.
 */
@Controller
class MobileLoginController {

  private static final Logger log = LoggerFactory.getLogger(MobileLoginController.class);
  static final int MAX_FIELD = 64;

  private final IdentityService identity;
  private final ProcessEngine engine;
  private final StaffSession staffSession;
  private final Duration sessionLength;

  MobileLoginController(IdentityService identity, ProcessEngine engine, StaffSession staffSession,
      @Value("${liaison.mobile.session-hours:10}") int sessionHours) {
    this.identity = identity;
    this.engine = engine;
    this.staffSession = staffSession;
    this.sessionLength = Duration.ofHours(sessionHours);
  }

  /** The shell: no personal data in it (tasks come from /m/api), so it may be cached; nobody logged in → login. */
  @GetMapping("/m")
  String root() {
    return "redirect:/m/"; // the service worker's scope is /m/
  }

  @GetMapping("/m/")
  String shell(HttpServletRequest request, HttpServletResponse response) {
    if (staffSession.current(request).isEmpty()) {
      return "redirect:/m/login";
    }
    MobileHeaders.page(response);
    return "mobile/shell";
  }

  @GetMapping("/m/login")
  String loginPage(@RequestParam(required = false) String out, HttpServletResponse response, Model model) {
    MobileHeaders.page(response);
    model.addAttribute("loggedOut", out != null);
    return "mobile/login";
  }

  @PostMapping("/m/login")
  String login(@RequestParam(required = false) String username, @RequestParam(required = false) String password,
      HttpServletRequest request, HttpServletResponse response, Model model) {
    MobileHeaders.page(response);
    String user = username == null ? "" : username.strip();
    model.addAttribute("username", user.length() > MAX_FIELD ? "" : user);
    if (user.isEmpty() || password == null || password.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("error", "请填写用户名和密码。");
      return "mobile/login";
    }
    if (user.length() > MAX_FIELD || password.length() > 256 || !identity.checkPassword(user, password)) {
      // 401 is what the login throttle counts
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      model.addAttribute("error", "用户名或密码错误。");
      return "mobile/login";
    }
    UserAuthentication authentication = AuthenticationUtil.createAuthentication(engine, user);
    if (authentication == null || authentication.getAuthorizedApps() == null
        || !authentication.getAuthorizedApps().contains("tasklist")) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      model.addAttribute("error", "此账号没有任务办理权限，不能使用移动工作台。");
      return "mobile/login";
    }
    // a new session id at login (as Tasklist's login), then kept for a working day
    AuthenticationUtil.revalidateSession(request, authentication);
    HttpSession session = request.getSession();
    session.setMaxInactiveInterval((int) sessionLength.toSeconds());
    log.info("mobile workbench login: {}", user);
    return "redirect:/m/";
  }

  /** Ends the session; the page clears drafts and caches on the phone before it posts here. */
  @PostMapping("/m/logout")
  String logout(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      TasklistSession.user(session).ifPresent(u -> log.info("mobile workbench logout: {}", u.id()));
      session.invalidate();
    }
    return "redirect:/m/login?out";
  }
}
