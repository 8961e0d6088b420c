package cn.liaison.platform.opinion.web;

import cn.liaison.platform.deputy.Deputy;
import cn.liaison.platform.deputy.DeputyDirectory;
import cn.liaison.platform.department.Department;
import cn.liaison.platform.department.Departments;
import cn.liaison.platform.opinion.Categories;
import cn.liaison.platform.opinion.Channel;
import cn.liaison.platform.opinion.OpinionProgress;
import cn.liaison.platform.opinion.OpinionService;
import cn.liaison.platform.opinion.OpinionStatus;
import cn.liaison.platform.opinion.OpinionSubmission;
import cn.liaison.platform.opinion.Rating;
import cn.liaison.platform.station.Station;
import cn.liaison.platform.station.Stations;
import cn.liaison.platform.system.BusyException;
import cn.liaison.platform.system.OverloadProperties;
import cn.liaison.platform.system.ConflictException;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.NotFoundException;
import cn.liaison.platform.system.RateLimited;
import cn.liaison.platform.system.RateLimiter;
import cn.liaison.platform.system.TooManyRequestsException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The citizens' pages of 码上见代表: server-rendered, phone-first, in Chinese, usable without JavaScript.
 * The tracking key only ever travels in a POST body and is never put in a URL, a cookie or the session.
 */
@Controller
class CitizenPageController {

  static final String WRONG_TICKET_OR_KEY = "受理编号或查询码不正确，请核对后重新输入。";
  static final String TOO_MANY = "操作过于频繁，请稍等一分钟后再试。";
  static final String UNKNOWN_STATION = "该联络站不存在或已停用，请扫描联络站现场张贴的二维码。";
  static final int RETRY_AFTER_SECONDS = 60;

  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(BEIJING);

  /** The submission form as entered; checkboxes arrive as "on" (or "true") when ticked, absent otherwise. */
  record SubmitForm(String category, String content, String place, String contactName, String contactPhone,
      String anonymous, String consent, String deputy) {

    static SubmitForm empty() {
      return new SubmitForm(null, null, null, null, null, null, null, null);
    }

    public boolean anonymousChecked() {
      return checked(anonymous);
    }

    public boolean consentChecked() {
      return checked(consent);
    }
  }

  /** The evaluation form as entered. */
  record EvaluationForm(String rating, String comment) {

    static EvaluationForm empty() {
      return new EvaluationForm(null, null);
    }
  }

  record RatingOption(String value, String label) {}

  /** A deputy as a citizen sees him or her: no phone, no user id; code is the public 代表码. */
  record DeputyCard(String code, String name, String levelLabel, String sector, String stations, String roleLabel) {}

  record StepView(String label, boolean reached, boolean current, String at) {}

  record EventView(String title, String detail, String at) {}

  record ReplyView(int round, String answeredBy, String resultLabel, String text, String measures, String at,
      String ratingLabel, String evaluationComment) {}

  record NotificationView(String title, String body, String at) {}

  /** The progress page, in words and Beijing time. */
  record ProgressView(String ticketNo, String stationName, String categoryName, String content, String statusLabel,
      boolean endedOtherwise, String submittedAt, String dueAt, List<StepView> timeline, List<EventView> events,
      List<ReplyView> replies, List<NotificationView> notifications, boolean canEvaluate) {}

  private final OpinionService opinions;
  private final Stations stations;
  private final Categories categories;
  private final Departments departments;

  private final OverloadProperties overload;
  private final DeputyDirectory deputies;
  private final cn.liaison.platform.opinion.DeputyFirstResponseProperties deputyResponse;

  CitizenPageController(OpinionService opinions, Stations stations, Categories categories, Departments departments,
      OverloadProperties overload, DeputyDirectory deputies,
      cn.liaison.platform.opinion.DeputyFirstResponseProperties deputyResponse) {
    this.deputies = deputies;
    this.deputyResponse = deputyResponse;
    this.overload = overload;
    this.opinions = opinions;
    this.stations = stations;
    this.categories = categories;
    this.departments = departments;
  }

  // ---- submission ---------------------------------------------------------------------------------------------

  @GetMapping("/s/{stationCode}")
  String submitForm(@PathVariable String stationCode, Model model, HttpServletResponse response) {
    Station station = activeStation(stationCode);
    if (station == null) {
      return stationNotFound(model, response);
    }
    return submitPage(model, station, SubmitForm.empty(), Map.of(), null);
  }

  @PostMapping("/s/{stationCode}")
  @RateLimited(RateLimiter.Kind.SUBMISSION)
  String submit(@PathVariable String stationCode, SubmitForm form, Model model, HttpServletResponse response) {
    Station station = activeStation(stationCode);
    if (station == null) {
      return stationNotFound(model, response);
    }
    // the optional deputy is chosen by code among this station's deputies, and resolved here, never trusted
    String deputy = null;
    if (form.deputy() != null && !form.deputy().isBlank()) {
      String chosen = form.deputy().strip();
      Map<String, String> codes = deputies.publicCodes();
      deputy = deputies.atStation(station.code()).stream()
          .filter(d -> d.level() != null && chosen.equals(codes.get(d.userId()))).map(Deputy::userId).findFirst()
          .orElse(null);
      if (deputy == null) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return submitPage(model, station, form, Map.of("deputy", "请从本站的驻站代表中选择，或选择“不指定代表”"), null);
      }
    }
    return submitted(station, null, deputy, form, model, response);
  }

  // ---- a deputy's own page (代表码) ---------------------------------------------------------------------------

  @GetMapping("/d/{deputyCode}")
  String deputyForm(@PathVariable String deputyCode, Model model, HttpServletResponse response) {
    Deputy deputy = deputies.findByPublicCode(deputyCode).orElse(null);
    if (deputy == null) {
      return deputyNotFound(model, response);
    }
    return deputyPage(model, deputyCode, deputy, SubmitForm.empty(), Map.of(), null);
  }

  @PostMapping("/d/{deputyCode}")
  @RateLimited(RateLimiter.Kind.SUBMISSION)
  String deputySubmit(@PathVariable String deputyCode, SubmitForm form, Model model, HttpServletResponse response) {
    Deputy deputy = deputies.findByPublicCode(deputyCode).orElse(null);
    if (deputy == null) {
      return deputyNotFound(model, response);
    }
    Station station = homeStation(deputy);
    if (station == null) {
      response.setStatus(HttpStatus.CONFLICT.value());
      return deputyPage(model, deputyCode, deputy, form, Map.of(), NO_STATION);
    }
    return submitted(station, deputyCode, deputy.userId(), form, model, response);
  }

  static final String NO_STATION = "该代表暂未驻站，暂不能在线提交意见建议。请扫描联络站的二维码提交。";
  static final String UNKNOWN_DEPUTY = "未找到该人大代表。请扫描代表名片或联络站张贴的二维码。";

  /** Stores the opinion (sent to the deputy when deputyUserId is set) and shows the ticket and key, once. */
  private String submitted(Station station, String deputyCode, String deputyUserId, SubmitForm form, Model model,
      HttpServletResponse response) {
    OpinionService.Submitted submitted;
    try {
      submitted = opinions.submit(new OpinionSubmission(station.code(), form.category(), form.content(),
          form.place(), form.contactName(), form.contactPhone(), form.anonymousChecked(), form.consentChecked(),
          Channel.QR_CODE), null, deputyUserId);
    } catch (InvalidInputException e) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return deputyCode == null ? submitPage(model, station, form, e.errors(), null)
          : deputyPage(model, deputyCode, deputies.findByPublicCode(deputyCode).orElseThrow(), form, e.errors(), null);
    } catch (BusyException e) {
      // nothing was stored: the form comes back as typed, to be sent again
      response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
      response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(overload.retryAfterSeconds()));
      return deputyCode == null ? submitPage(model, station, form, Map.of(), e.getMessage())
          : deputyPage(model, deputyCode, deputies.findByPublicCode(deputyCode).orElseThrow(), form, Map.of(),
              e.getMessage());
    }
    model.addAttribute("station", station);
    model.addAttribute("ticketNo", submitted.ticketNo());
    model.addAttribute("trackingKey", submitted.trackingKey());
    model.addAttribute("keyGroups", Arrays.asList(submitted.trackingKey().split("-")));
    return "citizen/submitted";
  }

  private String submitPage(Model model, Station station, SubmitForm form, Map<String, String> errors,
      String notice) {
    model.addAttribute("station", station);
    model.addAttribute("deputy", null);
    model.addAttribute("deputyChoices", stationDeputies(station));
    model.addAttribute("formAction", "/s/" + station.code());
    return formPage(model, form, errors, notice);
  }

  private String deputyPage(Model model, String code, Deputy deputy, SubmitForm form, Map<String, String> errors,
      String notice) {
    Station home = homeStation(deputy);
    model.addAttribute("station", home);
    model.addAttribute("deputy", card(code, deputy, null));
    model.addAttribute("deputyChoices", List.of());
    model.addAttribute("formAction", "/d/" + code);
    model.addAttribute("noStation", home == null);
    model.addAttribute("deputyDays", deputyResponse.workingDays());
    return formPage(model, form, errors, notice);
  }

  private String formPage(Model model, SubmitForm form, Map<String, String> errors, String notice) {
    model.addAttribute("categories", categories.findActive());
    model.addAttribute("form", form);
    model.addAttribute("errors", ordered(errors, "deputy", "category", "content", "place", "contactName",
        "contactPhone", "consent"));
    model.addAttribute("notice", notice);
    return "citizen/submit";
  }

  /** The station's deputies who have a code (head first), for the optional choice on its page. */
  private List<DeputyCard> stationDeputies(Station station) {
    Map<String, String> codes = deputies.publicCodes();
    return deputies.atStation(station.code()).stream().filter(d -> codes.containsKey(d.userId()) && d.level() != null)
        .map(d -> card(codes.get(d.userId()), d, d.stations().stream()
            .filter(p -> p.stationCode().equals(station.code())).map(p -> p.role().label()).findFirst().orElse(null)))
        .toList();
  }

  private static DeputyCard card(String code, Deputy d, String roleLabel) {
    return new DeputyCard(code, d.name(), d.level() == null ? null : d.level().label(), d.sector(),
        d.stationsLine(), roleLabel);
  }

  /** Where an opinion sent to a deputy is handled if the deputy forwards it: the first active station (head first). */
  private Station homeStation(Deputy deputy) {
    return deputy.stations().stream().sorted(java.util.Comparator.comparing(p -> p.role().ordinal()))
        .map(p -> activeStation(p.stationCode())).filter(java.util.Objects::nonNull).findFirst().orElse(null);
  }

  private static String deputyNotFound(Model model, HttpServletResponse response) {
    response.setStatus(HttpStatus.NOT_FOUND.value());
    model.addAttribute("title", "未找到人大代表");
    model.addAttribute("message", UNKNOWN_DEPUTY);
    return "citizen/not-found";
  }

  // ---- tracking -----------------------------------------------------------------------------------------------

  /** For citizens who wrote both down: the ticket number is asked for too. */
  @GetMapping("/t")
  String lookupForm(Model model) {
    return keyPage(model, null, true, null);
  }

  @PostMapping("/t")
  @RateLimited(RateLimiter.Kind.LOOKUP)
  String lookup(@RequestParam(required = false) String ticketNo, @RequestParam(required = false) String key,
      Model model, HttpServletResponse response) {
    String ticket = normalized(ticketNo);
    if (ticket.isEmpty()) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
      return keyPage(model, null, true, "请输入受理编号和查询码。");
    }
    return showProgress(ticket, key, true, model, response);
  }

  @GetMapping("/t/{ticketNo}")
  String trackForm(@PathVariable String ticketNo, Model model) {
    return keyPage(model, ticketNo, false, null);
  }

  @PostMapping("/t/{ticketNo}")
  @RateLimited(RateLimiter.Kind.LOOKUP)
  String track(@PathVariable String ticketNo, @RequestParam(required = false) String key, Model model,
      HttpServletResponse response) {
    return showProgress(ticketNo, key, false, model, response);
  }

  private String showProgress(String ticketNo, String key, boolean ticketEditable, Model model,
      HttpServletResponse response) {
    if (key == null || key.isBlank()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return keyPage(model, ticketNo, ticketEditable, "请输入查询码。");
    }
    try {
      return progressPage(model, opinions.track(ticketNo, key), key, EvaluationForm.empty(), Map.of(), null, null);
    } catch (NotFoundException e) {
      response.setStatus(HttpStatus.NOT_FOUND.value());
      return keyPage(model, ticketNo, ticketEditable, WRONG_TICKET_OR_KEY);
    }
  }

  @PostMapping("/t/{ticketNo}/evaluation")
  @RateLimited(RateLimiter.Kind.LOOKUP)
  String evaluate(@PathVariable String ticketNo, @RequestParam(required = false) String key,
      EvaluationForm form, Model model, HttpServletResponse response) {
    if (key == null || key.isBlank()) {
      return wrongKey(model, ticketNo, response);
    }
    Rating rating = null;
    if (form.rating() != null && !form.rating().isBlank()) {
      try {
        rating = Rating.valueOf(form.rating());
      } catch (IllegalArgumentException e) {
        rating = null; // answered like a missing choice
      }
    }
    try {
      opinions.evaluate(ticketNo, key, rating, form.comment());
      return progressPage(model, opinions.track(ticketNo, key), key, EvaluationForm.empty(), Map.of(),
          "感谢您的评价！评价结果已记录，我们会据此改进工作。", null);
    } catch (NotFoundException e) {
      return wrongKey(model, ticketNo, response);
    } catch (InvalidInputException e) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return progressPage(model, opinions.track(ticketNo, key), key, form, e.errors(), null, null);
    } catch (ConflictException e) {
      response.setStatus(HttpStatus.CONFLICT.value());
      return progressPage(model, opinions.track(ticketNo, key), key, EvaluationForm.empty(), Map.of(), null,
          e.getMessage());
    }
  }

  private String keyPage(Model model, String ticketNo, boolean ticketEditable, String error) {
    model.addAttribute("ticketNo", ticketNo);
    model.addAttribute("ticketEditable", ticketEditable);
    model.addAttribute("error", error);
    return "citizen/track-key";
  }

  /** A wrong key and an unknown ticket look the same. */
  private String wrongKey(Model model, String ticketNo, HttpServletResponse response) {
    response.setStatus(HttpStatus.NOT_FOUND.value());
    return keyPage(model, ticketNo, false, WRONG_TICKET_OR_KEY);
  }

  private String progressPage(Model model, OpinionProgress progress, String key, EvaluationForm form,
      Map<String, String> errors, String success, String conflict) {
    model.addAttribute("p", view(progress));
    // the key goes back only inside the page's evaluation form (a POST body), never into a URL
    model.addAttribute("key", key);
    model.addAttribute("ratings", Arrays.stream(Rating.values()).map(r -> new RatingOption(r.name(), r.label()))
        .toList());
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("success", success);
    model.addAttribute("conflict", conflict);
    return "citizen/progress";
  }

  private ProgressView view(OpinionProgress p) {
    List<StepView> steps = p.timeline().stream()
        .map(s -> new StepView(s.label(), s.reached(), s.current(), time(s.at()))).toList();
    List<EventView> events = p.events().stream()
        .map(e -> new EventView(e.title(), e.detail(), time(e.occurredAt()))).toList();
    List<ReplyView> replies = p.replies().stream().map(this::view).toList();
    List<NotificationView> notifications = p.notifications().stream()
        .map(n -> new NotificationView(n.title(), n.body(), time(sentOrCreated(n)))).toList();
    boolean endedOtherwise = p.status() == OpinionStatus.REJECTED || p.status() == OpinionStatus.DUPLICATE;
    return new ProgressView(p.ticketNo(), p.stationName(), p.categoryName(), p.content(), p.statusLabel(),
        endedOtherwise, time(p.submittedAt()), time(p.dueAt()), steps, events, replies, notifications,
        p.canEvaluate());
  }

  private ReplyView view(OpinionProgress.PublicReply r) {
    return new ReplyView(r.round(), answeredBy(r), r.result() == null ? null : r.result().label(), r.text(),
        r.measures(), time(r.repliedAt()), r.rating() == null ? null : r.rating().label(), r.evaluationComment());
  }

  /** The department's name, never a person: who answered on behalf of the station. */
  private String answeredBy(OpinionProgress.PublicReply r) {
    if (r.departmentCode() != null && !r.departmentCode().isBlank()) {
      return departments.findByCode(r.departmentCode()).map(Department::name).orElse("承办部门");
    }
    if (cn.liaison.platform.opinion.OpinionLoopProcess.ReplySource.DEPUTY.name().equals(r.source())) {
      return "人大代表（直接答复）";
    }
    if (cn.liaison.platform.opinion.OpinionLoopProcess.ReplySource.PROPOSAL.name().equals(r.source())) {
      return "人大代表（代表建议办理）";
    }
    return "代表联络站";
  }

  private static Instant sentOrCreated(OpinionProgress.PublicNotification n) {
    return n.sentAt() != null ? n.sentAt() : n.createdAt();
  }

  // ---- over the rate limit ------------------------------------------------------------------------------------

  /**
   * A client over its limit ({@link RateLimited}, checked before the handler runs) gets the page it came from
   * again with a kind notice, 429 and Retry-After; what the citizen typed is kept: they may send it again in a
   * minute.
   */
  @ExceptionHandler(TooManyRequestsException.class)
  ModelAndView tooMany(HttpServletRequest request, HttpServletResponse response) {
    @SuppressWarnings("unchecked")
    Map<String, String> path = (Map<String, String>) request.getAttribute(
        HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    Model model = new ExtendedModelMap();
    String view;
    SubmitForm typed = new SubmitForm(request.getParameter("category"), request.getParameter("content"),
        request.getParameter("place"), request.getParameter("contactName"), request.getParameter("contactPhone"),
        request.getParameter("anonymous"), request.getParameter("consent"), request.getParameter("deputy"));
    if (path != null && path.containsKey("deputyCode")) {
      Deputy deputy = deputies.findByPublicCode(path.get("deputyCode")).orElse(null);
      if (deputy == null) {
        return new ModelAndView(deputyNotFound(model, response), model.asMap());
      }
      view = deputyPage(model, path.get("deputyCode"), deputy, typed, Map.of(), TOO_MANY);
    } else if (path != null && path.containsKey("stationCode")) {
      Station station = activeStation(path.get("stationCode"));
      if (station == null) {
        return new ModelAndView(stationNotFound(model, response), model.asMap());
      }
      view = submitPage(model, station, typed, Map.of(), TOO_MANY);
    } else if (path != null && path.containsKey("ticketNo")) {
      view = keyPage(model, path.get("ticketNo"), false, TOO_MANY);
    } else {
      view = keyPage(model, normalized(request.getParameter("ticketNo")), true, TOO_MANY);
    }
    response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
    return new ModelAndView(view, model.asMap(), HttpStatus.TOO_MANY_REQUESTS);
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  private Station activeStation(String code) {
    return stations.findByCode(code).filter(Station::active).orElse(null);
  }

  private static String stationNotFound(Model model, HttpServletResponse response) {
    response.setStatus(HttpStatus.NOT_FOUND.value());
    model.addAttribute("title", "未找到联络站");
    model.addAttribute("message", UNKNOWN_STATION);
    return "citizen/not-found";
  }

  private static String normalized(String ticketNo) {
    return ticketNo == null ? "" : ticketNo.strip().toUpperCase(Locale.ROOT);
  }

  /** Field messages in the order of the form, for the summary at the top. */
  private static Map<String, String> ordered(Map<String, String> errors, String... fields) {
    Map<String, String> result = new LinkedHashMap<>();
    for (String field : fields) {
      if (errors.containsKey(field)) {
        result.put(field, errors.get(field));
      }
    }
    errors.forEach(result::putIfAbsent);
    return result;
  }

  private static String time(Instant instant) {
    return instant == null ? null : TIME.format(instant);
  }

  static boolean checked(String value) {
    return value != null && (value.equalsIgnoreCase("on") || value.equalsIgnoreCase("true")
        || value.equals("1") || value.equalsIgnoreCase("yes"));
  }
}
