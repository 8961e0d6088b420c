package cn.liaison.platform.reception.web;

import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.reception.Reception;
import cn.liaison.platform.reception.ReceptionService;
import cn.liaison.platform.station.Station;
import cn.liaison.platform.station.Stations;
import cn.liaison.platform.system.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reception sessions of mobile liaison stations (流动联络站接待). Announcing: the staff of the station, analysts,
 * administrators, and deputies stationed there. Visits: the session's deputies on duty only. Reading a session: its
 * station's staff, its deputies on duty, analysts, the congress office, auditors and administrators. The upcoming
 * sessions of a station are public (date, place, the deputies' names; no phones).
 */
@RestController
@Tag(name = "流动联络站接待", description = "公告接待、值班代表登记来访和意见、接待小结、接待人次和解决数")
class ReceptionController {

  private static final String GROUP = "GROUP_";
  static final Set<String> READERS = Set.of(PlatformGroups.ANALYSTS, PlatformGroups.CONGRESS_OFFICE,
      PlatformGroups.AUDITORS, PlatformGroups.ADMIN);

  private final ReceptionService receptions;
  private final Stations stations;

  ReceptionController(ReceptionService receptions, Stations stations) {
    this.receptions = receptions;
    this.stations = stations;
  }

  @PostMapping("/api/receptions")
  @PreAuthorize("isAuthenticated()")
  @SecurityRequirement(name = "basic")
  @Operation(summary = "公告一次流动接待", description = "kind：FIELD_POST 田间值班点、STALL 摆摊接待、BENCH_MEETING 板凳会、"
      + "HOME_VISIT 入户走访、VOTER_DAY 接待选民日；startsAt、endsAt 如 2027-06-05T08:00:00+08:00；deputiesOnDuty：值班代表的用户名。"
      + "开始前不足 3 天（设置 liaison.reception.announce-days）时返回 warning。")
  ResponseEntity<ReceptionService.Created> create(@RequestBody ReceptionService.NewReceptionRequest body,
      Authentication user) {
    Set<String> groups = groups(user);
    String station = body.stationCode() == null ? null : body.stationCode().strip();
    boolean allowed = groups.contains(PlatformGroups.ANALYSTS) || groups.contains(PlatformGroups.ADMIN)
        || (station != null && groups.contains(Station.staffGroupOf(station)))
        || (station != null && groups.contains(PlatformGroups.DEPUTIES)
            && stations.postingsOf(user.getName()).stream().anyMatch(p -> p.stationCode().equals(station)));
    if (!allowed) {
      throw new AccessDeniedException("may not announce receptions of station " + station);
    }
    var created = receptions.create(body, user.getName());
    return ResponseEntity.created(URI.create("/api/receptions/" + created.receptionNo())).body(created);
  }

  @GetMapping("/api/receptions/{receptionNo}")
  @PreAuthorize("isAuthenticated()")
  @SecurityRequirement(name = "basic")
  @Operation(summary = "查看一次接待", description = "visitors：来访人次（各批人数之和）；opinions：收集的意见；solvedOnSpot：当场解决；"
      + "solved：当场解决的加上经意见闭环办理结果为“已解决”的；visitList 中的意见可凭受理编号查看；flags：小结中报专项督办的安全隐患和信访苗头（各有 id）")
  ReceptionService.ReceptionView get(@PathVariable String receptionNo, Authentication user) {
    Reception r = receptions.require(receptionNo);
    Set<String> groups = groups(user);
    if (!groups.contains(Station.staffGroupOf(r.stationCode())) && groups.stream().noneMatch(READERS::contains)
        && !receptions.onDuty(r, user.getName())) {
      throw new AccessDeniedException("may not read reception " + r.receptionNo());
    }
    return receptions.view(r.receptionNo());
  }

  @PostMapping("/api/receptions/{receptionNo}/visits")
  @PreAuthorize("isAuthenticated()")
  @SecurityRequirement(name = "basic")
  @Operation(summary = "登记一批来访", description = "本次接待的值班代表登记。visitors：人数（≥ 1）；topic：反映的事项；opinion（可不填）："
      + "{category, content, place, contactName, contactPhone, consent}，进入意见建议闭环（渠道 流动接待）；solvedOnSpot：当场解决"
      + "（须同时登记意见，并填写 solution 解决办法）")
  ResponseEntity<ReceptionService.VisitRecorded> visit(@PathVariable String receptionNo,
      @RequestBody ReceptionService.VisitRequest body, Authentication user) {
    Reception r = receptions.require(receptionNo);
    if (!receptions.onDuty(r, user.getName())) {
      throw new AccessDeniedException("not on duty at reception " + r.receptionNo());
    }
    var recorded = receptions.recordVisit(r.receptionNo(), body, user.getName());
    return ResponseEntity.created(URI.create("/api/receptions/" + r.receptionNo() + "/visits/" + recorded.visitId()))
        .body(recorded);
  }

  @GetMapping("/api/receptions/figures")
  @PreAuthorize("isAuthenticated()")
  @SecurityRequirement(name = "basic")
  @Operation(summary = "接待人次和解决数合计", description = "station：联络站编码（本站工作人员可查）；不填时为全部联络站（研判人员、人大办、审计、管理员）")
  ReceptionService.Figures figures(@RequestParam(required = false) String station, Authentication user) {
    Set<String> groups = groups(user);
    String code = station == null || station.isBlank() ? null : station.strip();
    if (groups.stream().noneMatch(READERS::contains)
        && (code == null || !groups.contains(Station.staffGroupOf(code)))) {
      throw new AccessDeniedException("may not read reception figures of " + code);
    }
    return receptions.totals(code);
  }

  @GetMapping("/api/stations/{code}/receptions")
  @Operation(summary = "联络站即将开展的接待（公开）", description = "尚未结束的接待：日期、时间、地点、形式、值班代表姓名（不含电话）")
  List<ReceptionService.Announcement> upcoming(@PathVariable String code) {
    Station station = stations.findByCode(code).filter(Station::active)
        .orElseThrow(() -> new NotFoundException("联络站不存在或已停用。"));
    return receptions.upcoming(station.code());
  }

  private static Set<String> groups(Authentication user) {
    return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).filter(a -> a.startsWith(GROUP))
        .map(a -> a.substring(GROUP.length())).collect(Collectors.toSet());
  }
}
