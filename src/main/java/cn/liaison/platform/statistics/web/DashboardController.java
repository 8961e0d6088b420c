package cn.liaison.platform.statistics.web;

import cn.liaison.platform.statistics.Statistics;
import cn.liaison.platform.statistics.StatisticsAccess;
import cn.liaison.platform.statistics.StatisticsDetails;
import cn.liaison.platform.statistics.StatisticsService;
import cn.liaison.platform.system.StaffSession;
import cn.liaison.platform.system.TasklistSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The dashboard (驾驶舱, /dashboard) for the same readers as the statistics API, opened with the Tasklist login like
 * the other staff pages (groups read again at every request). The page draws what /dashboard/data returns: the
 * API's figures, trend, campaign breakdowns and names, checked by the same {@link StatisticsAccess}; the browser
 * computes nothing.
 */
@Controller
class DashboardController {

  /** Only the platform's own scripts (ECharts from its WebJar, dashboard.js) and fetches to itself. */
  static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final StaffSession staffSession;
  private final StatisticsService statistics;
  private final StatisticsDetails details;
  private final StatisticsAccess access;
  private final java.time.Clock clock;
  private final ZoneId zone;

  DashboardController(StaffSession staffSession, StatisticsService statistics, StatisticsDetails details,
      StatisticsAccess access, java.time.Clock clock, cn.liaison.platform.calendar.WorkingDayCalendar calendar) {
    this.staffSession = staffSession;
    this.statistics = statistics;
    this.details = details;
    this.access = access;
    this.clock = clock;
    this.zone = calendar.zone();
  }

  /** What the page draws. */
  record DashboardData(Statistics statistics, List<StatisticsDetails.Month> trend,
      List<StatisticsDetails.CampaignDetail> campaigns, StatisticsDetails.Names names) {}

  @GetMapping("/dashboard")
  String page(HttpServletRequest request, HttpServletResponse response, Model model) {
    headers(response);
    TasklistSession.User user = staffSession.current(request).orElse(null);
    if (user == null) {
      return StaffSession.loginRequired(response, model);
    }
    if (!StatisticsAccess.mayRead(user.groups())) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      model.addAttribute("message", "您没有查看统计数据的权限。");
      return "staff/denied";
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    Map<String, String> names = details.names().stations();
    List<String> own = StatisticsAccess.COUNTY_READERS.stream().anyMatch(user.groups()::contains) ? null
        : user.groups().stream().filter(g -> g.startsWith(cn.liaison.platform.station.Station.STAFF_GROUP_PREFIX))
            .map(g -> g.substring(cn.liaison.platform.station.Station.STAFF_GROUP_PREFIX.length())).sorted().toList();
    model.addAttribute("stations", names.entrySet().stream().filter(e -> own == null || own.contains(e.getKey()))
        .toList());
    model.addAttribute("allStations", own == null);
    model.addAttribute("from", today.withDayOfYear(1).toString());
    model.addAttribute("to", today.toString());
    model.addAttribute("user", user.id());
    return "statistics/dashboard";
  }

  @GetMapping(path = "/dashboard/data", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<?> data(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String station, HttpServletRequest request, HttpServletResponse response) {
    response.setHeader("Cache-Control", "no-store");
    TasklistSession.User user = staffSession.current(request).orElse(null);
    if (user == null) {
      return problem(HttpStatus.UNAUTHORIZED, "请先登录任务列表（Tasklist），再打开驾驶舱。");
    }
    StatisticsAccess.Scope scope;
    try {
      scope = access.scope(from, to, station, null, user.groups());
    } catch (AccessDeniedException e) {
      return problem(HttpStatus.FORBIDDEN, "您无权查看该联络站的统计数据。");
    }
    Statistics figures = statistics.figures(scope.period(), scope.stations());
    List<StatisticsDetails.CampaignDetail> campaigns = figures.campaigns().stream()
        .map(c -> details.campaign(c.campaign())).toList();
    return ResponseEntity.ok(new DashboardData(figures,
        details.trend(scope.period().from(), scope.period().to(), scope.stations()), campaigns, details.names()));
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setTitle(status == HttpStatus.UNAUTHORIZED ? "需要登录" : "无权访问");
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }

  private static void headers(HttpServletResponse response) {
    response.setHeader("Content-Security-Policy", POLICY);
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cache-Control", "no-store");
  }
}
