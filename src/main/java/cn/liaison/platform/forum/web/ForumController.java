package cn.liaison.platform.forum.web;

import cn.liaison.platform.forum.Forum;
import cn.liaison.platform.forum.ForumService;
import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.station.Station;
import cn.liaison.platform.station.Stations;
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
 * Industry forums (产业代表座谈会). Scheduling: the staff of the forum's station, analysts, administrators. Sign-in and
 * suggestions: the staff of the forum's own station (and administrators); the staff of another station get 403.
 * Reading: those, analysts, the congress office and auditors. Deputies answer their invitations in Tasklist.
 */
@RestController
@Tag(name = "产业代表座谈会", description = "安排座谈会、邀请代表、签到、登记建议、查看参会率")
@SecurityRequirement(name = "basic")
@PreAuthorize("isAuthenticated()")
class ForumController {

  private static final String GROUP = "GROUP_";
  static final Set<String> READERS = Set.of(PlatformGroups.ANALYSTS, PlatformGroups.CONGRESS_OFFICE,
      PlatformGroups.AUDITORS, PlatformGroups.ADMIN);

  private final ForumService forums;
  private final Stations stations;

  ForumController(ForumService forums, Stations stations) {
    this.forums = forums;
    this.stations = stations;
  }

  record Created(String forumNo) {}

  record SignIn(List<String> deputies) {}

  @PostMapping("/api/forums")
  @Operation(summary = "安排座谈会", description = "startsAt：将来的时间，如 2027-03-18T09:30:00+08:00；invitedDeputies 不填时邀请该站的驻站代表；"
      + "experts：[{name, organisation}]；departments：部门编码。受邀代表在任务列表“座谈会邀请”中答复。")
  ResponseEntity<Created> create(@RequestBody ForumService.NewForumRequest body, Authentication user) {
    Set<String> groups = groups(user);
    String station = body.stationCode() == null ? null : body.stationCode().strip();
    boolean allowed = groups.contains(PlatformGroups.ANALYSTS) || groups.contains(PlatformGroups.ADMIN)
        || (station != null && groups.contains(Station.staffGroupOf(station)));
    if (!allowed) {
      throw new AccessDeniedException("not staff of station " + station);
    }
    String forumNo = forums.create(body, user.getName());
    return ResponseEntity.created(URI.create("/api/forums/" + forumNo)).body(new Created(forumNo));
  }

  @GetMapping("/api/forums/{forumNo}")
  @Operation(summary = "查看座谈会", description = "受邀和到会代表、参会率（到会 ÷ 受邀）、建议及其去向、纪要")
  ForumService.ForumView get(@PathVariable String forumNo, Authentication user) {
    requireReader(forums.require(forumNo).stationCode(), user);
    return forums.view(forumNo);
  }

  @GetMapping("/api/forums")
  @Operation(summary = "座谈会列表", description = "station：联络站编码；不填时为本人所在联络站的座谈会（研判人员等为全部）")
  List<ForumService.ForumSummary> list(@RequestParam(required = false) String station, Authentication user) {
    Set<String> groups = groups(user);
    if (station != null && !station.isBlank()) {
      requireReader(station.strip(), user);
      return forums.list(List.of(station.strip()));
    }
    if (groups.stream().anyMatch(READERS::contains)) {
      return forums.list(null);
    }
    List<String> own = stations.findAll().stream().map(Station::code)
        .filter(code -> groups.contains(Station.staffGroupOf(code))).collect(Collectors.toList());
    if (own.isEmpty()) {
      throw new AccessDeniedException("no station");
    }
    return forums.list(own);
  }

  @PostMapping("/api/forums/{forumNo}/sign-in")
  @Operation(summary = "代表签到", description = "座谈会当天由本站工作人员登记；只能是受邀代表；重复签到不改变结果")
  ForumService.ForumView signIn(@PathVariable String forumNo, @RequestBody SignIn body, Authentication user) {
    requireStaff(forums.require(forumNo), user);
    return forums.signIn(forumNo, body.deputies());
  }

  @PostMapping("/api/forums/{forumNo}/suggestions")
  @Operation(summary = "登记座谈会建议", description = "proposer：受邀代表的用户名或专家姓名；disposition：OPINION 转入意见建议闭环（渠道 座谈会）、"
      + "PROPOSAL 作为该代表的代表建议素材、RECORD 仅记入纪要")
  ResponseEntity<ForumService.SuggestionAdded> suggest(@PathVariable String forumNo,
      @RequestBody ForumService.SuggestionRequest body, Authentication user) {
    requireStaff(forums.require(forumNo), user);
    var added = forums.addSuggestion(forumNo, body, user.getName());
    return ResponseEntity.created(URI.create("/api/forums/" + forumNo + "/suggestions/" + added.id())).body(added);
  }

  private static void requireStaff(Forum forum, Authentication user) {
    Set<String> groups = groups(user);
    if (!groups.contains(Station.staffGroupOf(forum.stationCode())) && !groups.contains(PlatformGroups.ADMIN)) {
      throw new AccessDeniedException("not staff of station " + forum.stationCode());
    }
  }

  private static void requireReader(String stationCode, Authentication user) {
    Set<String> groups = groups(user);
    if (!groups.contains(Station.staffGroupOf(stationCode)) && groups.stream().noneMatch(READERS::contains)) {
      throw new AccessDeniedException("may not read forums of station " + stationCode);
    }
  }

  private static Set<String> groups(Authentication user) {
    return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).filter(a -> a.startsWith(GROUP))
        .map(a -> a.substring(GROUP.length())).collect(Collectors.toSet());
  }
}
