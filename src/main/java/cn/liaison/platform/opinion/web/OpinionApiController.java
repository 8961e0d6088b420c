package cn.liaison.platform.opinion.web;

import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.opinion.Categories;
import cn.liaison.platform.opinion.Channel;
import cn.liaison.platform.opinion.OpinionProgress;
import cn.liaison.platform.opinion.OpinionService;
import cn.liaison.platform.opinion.OpinionSubmission;
import cn.liaison.platform.opinion.Rating;
import cn.liaison.platform.station.Station;
import cn.liaison.platform.station.Stations;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.RateLimited;
import cn.liaison.platform.system.RateLimiter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The citizens' API (码上见代表), also used by staff to record opinions from other channels. */
@RestController
@Tag(name = "意见建议", description = "群众提交意见建议、凭受理编号和查询码查询进度、评价答复")
class OpinionApiController {

  static final String KEY_HEADER = "X-Tracking-Key";

  private final OpinionService opinions;
  private final Stations stations;
  private final Categories categories;

  OpinionApiController(OpinionService opinions, Stations stations, Categories categories) {
    this.opinions = opinions;
    this.stations = stations;
    this.categories = categories;
  }

  record StationView(String code, String name, String kind, String kindName, String county, String town) {}

  record CategoryView(String code, String name) {}

  record SubmitRequest(String stationCode, String category, String content, String place, String contactName,
      String contactPhone, Boolean anonymous, Boolean consent, String channel, String answeredOnSpot) {}

  record SubmitResponse(String ticketNo, String trackingKey) {}

  record EvaluationRequest(String rating, String comment) {}

  @GetMapping("/api/stations")
  @Operation(summary = "联络站列表")
  List<StationView> stations() {
    return stations.findActive().stream().map(s -> new StationView(s.code(), s.name(), s.kind().name(),
        s.kind().label(), s.county(), s.town())).toList();
  }

  @GetMapping("/api/categories")
  @Operation(summary = "意见类别（分级分类）")
  List<CategoryView> categories() {
    return categories.findActive().stream().map(c -> new CategoryView(c.code(), c.name())).toList();
  }

  @PostMapping("/api/opinions")
  @Operation(summary = "提交意见建议", description = "返回受理编号和查询码（仅显示一次）。channel 为 QR_CODE 以外的值时须以联络站工作人员身份登录；"
      + "当场解决的意见可填 answeredOnSpot（当场答复内容），登记为直接答复，群众仍可评价。")
  @RateLimited(RateLimiter.Kind.SUBMISSION)
  ResponseEntity<SubmitResponse> submit(@RequestBody SubmitRequest body) {
    Channel channel = parseChannel(body.channel());
    String staff = channel == Channel.QR_CODE ? null : staffUser(body.stationCode());
    var submitted = opinions.submit(new OpinionSubmission(body.stationCode(), body.category(), body.content(),
        body.place(), body.contactName(), body.contactPhone(), body.anonymous(), body.consent(), channel,
        body.answeredOnSpot()), staff);
    return ResponseEntity.created(URI.create("/api/opinions/" + submitted.ticketNo()))
        .body(new SubmitResponse(submitted.ticketNo(), submitted.trackingKey()));
  }

  @GetMapping("/api/opinions/{ticketNo}")
  @RateLimited(RateLimiter.Kind.LOOKUP) // keys are unguessable; the limit stops anyone from trying many of them
  @Operation(summary = "查询办理进度", description = "须在请求头 X-Tracking-Key 中提供查询码；编号或查询码不对时一律返回 404。")
  OpinionProgress track(@PathVariable String ticketNo,
      @Parameter(description = "查询码") @RequestHeader(name = KEY_HEADER, required = false) String key) {
    return opinions.track(ticketNo, key);
  }

  @PostMapping("/api/opinions/{ticketNo}/evaluation")
  @RateLimited(RateLimiter.Kind.LOOKUP)
  @Operation(summary = "评价答复", description = "每次答复只能评价一次。rating: SATISFIED | BASICALLY_SATISFIED | DISSATISFIED")
  ResponseEntity<Void> evaluate(@PathVariable String ticketNo,
      @RequestHeader(name = KEY_HEADER, required = false) String key, @RequestBody EvaluationRequest body) {
    Rating rating = null;
    if (body.rating() != null) {
      try {
        rating = Rating.valueOf(body.rating());
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("rating", "请选择满意、基本满意或不满意");
      }
    }
    opinions.evaluate(ticketNo, key, rating, body.comment());
    return ResponseEntity.noContent().build();
  }

  private static Channel parseChannel(String channel) {
    if (channel == null || channel.isBlank()) {
      return Channel.QR_CODE;
    }
    try {
      return Channel.valueOf(channel);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("channel", "渠道应为 QR_CODE、MOBILE_RECEPTION、FORUM 或 PHONE");
    }
  }

  /**
   * Other channels are recorded by the staff of that station (group station-staff-&lt;code&gt;) or by
   * administrators only; the staff of another station are refused (403) like any other user.
   */
  private static String staffUser(String stationCode) {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
      throw new InvalidInputException("channel", "只有联络站工作人员登录后才能登记该渠道的意见");
    }
    String stationGroup = stationCode == null || stationCode.isBlank() ? null
        : "GROUP_" + Station.staffGroupOf(stationCode.strip());
    boolean staff = auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(stationGroup)
        || a.getAuthority().equals("GROUP_" + PlatformGroups.ADMIN));
    if (!staff) {
      throw new org.springframework.security.access.AccessDeniedException("not staff of station " + stationCode);
    }
    return auth.getName();
  }
}
