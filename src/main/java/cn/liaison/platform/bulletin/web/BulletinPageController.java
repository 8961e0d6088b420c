package cn.liaison.platform.bulletin.web;

import cn.liaison.platform.bulletin.Block;
import cn.liaison.platform.bulletin.Bulletin;
import cn.liaison.platform.bulletin.BulletinPart;
import cn.liaison.platform.bulletin.BulletinService;
import cn.liaison.platform.bulletin.Caller;
import cn.liaison.platform.bulletin.TemplateVersion;
import cn.liaison.platform.station.Station;
import cn.liaison.platform.system.BusyException;
import cn.liaison.platform.system.ConflictException;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.StaffSession;
import cn.liaison.platform.system.TasklistSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The bulletin's page (/bulletins), opened with the Tasklist login like the staff pages: choose the period and the
 * stations, see the bulletin as it will print, change the templates' wording, preview the change, save it, download
 * the .docx. A plain HTML form, no script. The same rules as the API: {@link BulletinService} checks who may read
 * which station and who may save.
 */
@Controller
class BulletinPageController {

  private final BulletinService bulletins;
  private final StaffSession staffSession;
  private final Clock clock;

  BulletinPageController(BulletinService bulletins, StaffSession staffSession, Clock clock) {
    this.bulletins = bulletins;
    this.staffSession = staffSession;
    this.clock = clock;
  }

  /** What the form sends besides the templates. */
  record Choice(String from, String to, List<String> stations, String issueNo, String issuedOn) {
    String stationCodes() {
      return String.join(",", stations);
    }

    String query() {
      return UriComponentsBuilder.newInstance().queryParam("from", from).queryParam("to", to)
          .queryParam("stations", stationCodes()).queryParam("issueNo", issueNo).queryParam("issuedOn", issuedOn)
          .encode(StandardCharsets.UTF_8).build().toUriString();
    }
  }

  @GetMapping("/bulletins")
  String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) List<String> stations, @RequestParam(required = false) String issueNo,
      @RequestParam(required = false) String issuedOn, HttpServletRequest request, HttpServletResponse response,
      Model model) {
    Caller caller = caller(request);
    if (caller == null) {
      return StaffSession.loginRequired(response, model);
    }
    if (!mayRead(caller, response, model)) {
      return "staff/denied";
    }
    Choice choice = choice(from, to, stations, issueNo, issuedOn, caller);
    Map<BulletinPart, TemplateVersion> saved = bulletins.templates();
    Map<BulletinPart, String> bodies = new EnumMap<>(BulletinPart.class);
    saved.forEach((p, v) -> bodies.put(p, v.body()));
    return render(choice, caller, bodies, versions(saved), null, false, response, model);
  }

  @PostMapping("/bulletins/preview")
  String preview(@RequestParam Map<String, String> form, @RequestParam(required = false) List<String> stations,
      HttpServletRequest request, HttpServletResponse response, Model model) {
    Caller caller = caller(request);
    if (caller == null) {
      return StaffSession.loginRequired(response, model);
    }
    if (!mayRead(caller, response, model)) {
      return "staff/denied";
    }
    Choice choice = choice(form, stations, caller);
    return render(choice, caller, bodies(form), baseVersions(form), "预览的是尚未保存的修改；满意后请点“保存模板”。", true,
        response, model);
  }

  @PostMapping("/bulletins/templates")
  String save(@RequestParam Map<String, String> form, @RequestParam(required = false) List<String> stations,
      HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
    Caller caller = caller(request);
    if (caller == null) {
      return StaffSession.loginRequired(response, model);
    }
    if (!mayRead(caller, response, model)) {
      return "staff/denied";
    }
    Choice choice = choice(form, stations, caller);
    Map<BulletinPart, String> bodies = bodies(form);
    Map<BulletinPart, Integer> bases = baseVersions(form);
    List<String> savedParts = new ArrayList<>();
    try {
      Map<BulletinPart, TemplateVersion> before = bulletins.templates();
      bulletins.saveAll(bodies, bases, caller).forEach((part, after) -> {
        if (after.version() != before.get(part).version()) {
          savedParts.add(part.label() + "（第 " + after.version() + " 版）");
        }
      });
    } catch (AccessDeniedException e) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      model.addAttribute("problem", "您可以查看简报，但无权修改模板（由人大常委会代表工委和联络站工作人员修改）。");
      return render(choice, caller, bodies, bases, null, true, response, model);
    } catch (InvalidInputException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("templateErrors", e.errors());
      return render(choice, caller, bodies, bases, "模板有误，未保存，请按提示修改。", true, response, model);
    } catch (ConflictException e) {
      response.setStatus(HttpServletResponse.SC_CONFLICT);
      model.addAttribute("problem", e.getMessage());
      return render(choice, caller, bodies, bases, null, true, response, model);
    }
    redirect.addFlashAttribute("notice", savedParts.isEmpty() ? "模板没有改动。" : "已保存：" + String.join("、", savedParts) + "。");
    return "redirect:/bulletins" + choice.query();
  }

  @GetMapping("/bulletins/bulletin.docx")
  ResponseEntity<byte[]> download(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) List<String> stations,
      @RequestParam(required = false) String issueNo, @RequestParam(required = false) String issuedOn,
      HttpServletRequest request) {
    Caller caller = caller(request);
    if (caller == null) {
      return ResponseEntity.status(HttpServletResponse.SC_UNAUTHORIZED).build();
    }
    try {
      Bulletin bulletin = bulletins.compose(bulletins.request(from, to,
          stations == null ? null : String.join(",", stations), issueNo, issuedOn, caller));
      return BulletinDownload.of(bulletin, bulletins.docx(bulletin));
    } catch (AccessDeniedException e) {
      return ResponseEntity.status(HttpServletResponse.SC_FORBIDDEN).build();
    } catch (InvalidInputException e) {
      return ResponseEntity.badRequest().build();
    }
  }

  private String render(Choice choice, Caller caller, Map<BulletinPart, String> bodies,
      Map<BulletinPart, Integer> bases, String notice, boolean edited, HttpServletResponse response, Model model) {
    model.addAttribute("choice", choice);
    model.addAttribute("stationChoices", bulletins.readableStations(caller));
    model.addAttribute("parts", Arrays.asList(BulletinPart.values()));
    model.addAttribute("bodies", names(bodies));
    model.addAttribute("bases", names(bases));
    model.addAttribute("history", history(caller));
    model.addAttribute("variables", bulletins.variables());
    model.addAttribute("marks", Arrays.asList(Block.Kind.values()));
    model.addAttribute("mayEdit", bulletins.mayEditTemplates(caller));
    model.addAttribute("downloadQuery", choice.query());
    if (notice != null) {
      model.addAttribute("notice", notice);
    }
    model.addAttribute("edited", edited);
    try {
      var req = bulletins.request(choice.from(), choice.to(), choice.stationCodes(), choice.issueNo(),
          choice.issuedOn(), caller);
      model.addAttribute("bulletin", bulletins.compose(req, bodies));
    } catch (AccessDeniedException e) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      model.addAttribute("problem", "您只能生成本人所在联络站的简报。");
    } catch (InvalidInputException e) {
      if (response.getStatus() < 400) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      }
      Map<String, String> errors = new LinkedHashMap<>(e.errors());
      if (model.getAttribute("templateErrors") instanceof Map<?, ?> earlier) {
        earlier.forEach((k, v) -> errors.putIfAbsent(String.valueOf(k), String.valueOf(v)));
      }
      model.addAttribute("templateErrors", errors);
    } catch (BusyException e) {
      if (response.getStatus() < 400) {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      }
      model.addAttribute("problem", e.getMessage());
    }
    return "bulletin/page";
  }

  private static final java.time.format.DateTimeFormatter SAVED_AT = java.time.format.DateTimeFormatter
      .ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneId.of("Asia/Shanghai"));

  /** Each part's latest versions as one line: who saved which version when (the earlier texts stay in the table). */
  private Map<String, String> history(Caller caller) {
    Map<String, String> m = new LinkedHashMap<>();
    for (BulletinPart p : BulletinPart.values()) {
      List<TemplateVersion> all = bulletins.history(p, caller);
      List<String> lines = all.stream().limit(5).map(v -> v.isDefault() ? "第 0 版：平台默认"
          : "第 " + v.version() + " 版：" + v.savedBy() + " 于 " + SAVED_AT.format(v.savedAt())).toList();
      m.put(p.name(), "版本 " + String.join("；", lines) + (all.size() > 5 ? "；……" : ""));
    }
    return m;
  }

  private boolean mayRead(Caller caller, HttpServletResponse response, Model model) {
    try {
      bulletins.requireReader(caller);
      return true;
    } catch (AccessDeniedException e) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      model.addAttribute("message", "工作简报由人大常委会代表工委、研判人员和联络站工作人员查看，您无权查看。");
      return false;
    }
  }

  private Choice choice(Map<String, String> form, List<String> stations, Caller caller) {
    return choice(form.get("from"), form.get("to"), stations, form.get("issueNo"), form.get("issuedOn"), caller);
  }

  /** The form's choice, or this year so far with the caller's stations when nothing is chosen yet. */
  private Choice choice(String from, String to, List<String> stations, String issueNo, String issuedOn,
      Caller caller) {
    LocalDate today = LocalDate.now(clock);
    List<String> codes = stations == null ? List.of()
        : stations.stream().flatMap(s -> Arrays.stream(s.split(","))).map(String::strip).filter(s -> !s.isEmpty())
            .distinct().toList();
    boolean fresh = from == null && to == null && stations == null;
    if (fresh) {
      codes = bulletins.readableStations(caller).stream().map(Station::code).toList();
    }
    return new Choice(from != null ? from : today.withDayOfYear(1).toString(), to != null ? to : today.toString(),
        codes, issueNo != null ? issueNo : "1", issuedOn != null ? issuedOn : today.toString());
  }

  private static Map<BulletinPart, String> bodies(Map<String, String> form) {
    Map<BulletinPart, String> m = new EnumMap<>(BulletinPart.class);
    for (BulletinPart p : BulletinPart.values()) {
      String body = form.get("body_" + p.name());
      m.put(p, body == null ? "" : body.replace("\r\n", "\n"));
    }
    return m;
  }

  private static Map<BulletinPart, Integer> baseVersions(Map<String, String> form) {
    Map<BulletinPart, Integer> m = new EnumMap<>(BulletinPart.class);
    for (BulletinPart p : BulletinPart.values()) {
      try {
        m.put(p, Integer.valueOf(form.getOrDefault("base_" + p.name(), "").strip()));
      } catch (NumberFormatException e) {
        m.put(p, null);
      }
    }
    return m;
  }

  private static Map<BulletinPart, Integer> versions(Map<BulletinPart, TemplateVersion> saved) {
    Map<BulletinPart, Integer> m = new EnumMap<>(BulletinPart.class);
    saved.forEach((p, v) -> m.put(p, v.version()));
    return m;
  }

  private static <V> Map<String, V> names(Map<BulletinPart, V> byPart) {
    Map<String, V> m = new LinkedHashMap<>();
    byPart.forEach((p, v) -> m.put(p.name(), v));
    return m;
  }

  private Caller caller(HttpServletRequest request) {
    TasklistSession.User user = staffSession.current(request).orElse(null);
    return user == null ? null : new Caller(user.id(), java.util.Set.copyOf(user.groups()));
  }
}
