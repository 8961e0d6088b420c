package cn.liaison.platform.deputy;

import cn.liaison.platform.audit.AuditAction;
import cn.liaison.platform.audit.AuditSubject;
import cn.liaison.platform.audit.AuditTrail;
import cn.liaison.platform.audit.Changes;
import cn.liaison.platform.system.Enums;
import cn.liaison.platform.identity.Deputies;
import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.station.DeputyPosting;
import cn.liaison.platform.station.Station;
import cn.liaison.platform.station.Stations;
import cn.liaison.platform.system.ConflictException;
import cn.liaison.platform.system.DisplayNames;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.Masking;
import cn.liaison.platform.system.MobileNumbers;
import cn.liaison.platform.system.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The deputy directory (代表名录): who the deputies are (Camunda users of group deputies, named in Camunda), their
 * level, sector and phone (table deputy) and where they are stationed (the stations' postings). Administrators keep
 * it; a change is checked whole before anything is written, so a refused change changes nothing.
 */
@Service
public class DeputyDirectory {

  private static final Logger log = LoggerFactory.getLogger(DeputyDirectory.class);

  static final int MAX_NAME = 50;
  static final int MAX_SECTOR = 50;
  static final String LEVELS = "请选择代表层级：NATIONAL（全国人大代表）、PROVINCIAL（省人大代表）、CITY（市人大代表）、"
      + "COUNTY（县级人大代表）或 TOWNSHIP（乡镇人大代表）";
  static final String ROLES = "驻站职务应为 HEAD（站长）、DEPUTY_HEAD（副站长）或 MEMBER（驻站代表）";

  /**
   * What an administrator sends. name (optional) renames the Camunda user; phone is write-only and kept when null;
   * stations is the whole list of the deputy's stations ([] for none).
   */
  public record Change(String name, String level, String sector, String phone, List<StationChange> stations) {}

  /** One station of the change: its code and the deputy's role there. */
  public record StationChange(String stationCode, String role) {}

  private final IdentityService identity;
  private final Deputies deputies;
  private final DeputyProfiles profiles;
  private final Stations stations;
  private final Clock clock;
  private final AuditTrail audit;

  DeputyDirectory(IdentityService identity, Deputies deputies, DeputyProfiles profiles, Stations stations,
      Clock clock, AuditTrail audit) {
    this.audit = audit;
    this.identity = identity;
    this.deputies = deputies;
    this.profiles = profiles;
    this.stations = stations;
    this.clock = clock;
  }

  /** Every member of group deputies, by user id. */
  public List<Deputy> list() {
    Map<String, String> stationNames = stationNames();
    Map<String, DeputyProfiles.Profile> details = profiles.findAll();
    Map<String, List<DeputyPosting>> postings = stations.allPostings().stream()
        .collect(Collectors.groupingBy(DeputyPosting::deputyUserId));
    return identity.createUserQuery().memberOfGroup(PlatformGroups.DEPUTIES).orderByUserId().asc().list().stream()
        .map(u -> deputy(u, details.get(u.getId()), postings.getOrDefault(u.getId(), List.of()), stationNames))
        .toList();
  }

  /** The deputies stationed at a station: its head first, then deputy heads, then members. 404 for no such station. */
  public List<Deputy> atStation(String stationCode) {
    if (stationCode == null || !stations.exists(stationCode)) {
      throw new NotFoundException("联络站不存在：" + stationCode);
    }
    Map<String, Deputy> all = list().stream().collect(Collectors.toMap(Deputy::userId, Function.identity()));
    return stations.postingsAt(stationCode).stream().map(p -> all.get(p.deputyUserId()))
        .filter(d -> d != null).toList();
  }

  /** A deputy, if the user exists and is a member of group deputies. */
  public Optional<Deputy> find(String userId) {
    if (!deputies.isDeputy(userId)) {
      return Optional.empty();
    }
    User user = identity.createUserQuery().userId(userId).singleResult();
    return Optional.of(deputy(user, profiles.find(userId).orElse(null), stations.postingsOf(userId), stationNames()));
  }

  /**
   * The deputy whose public code (代表码) this is: a member of group deputies with details. Empty for a code that is
   * malformed, unknown or of a user who is no longer a deputy, all alike (no hint for someone trying codes).
   */
  public Optional<Deputy> findByPublicCode(String code) {
    if (!DeputyCodes.wellFormed(code)) {
      return Optional.empty();
    }
    return profiles.userIdOfCode(code).flatMap(this::find).filter(d -> d.level() != null);
  }

  /** A deputy's public code (代表码); empty while nobody has entered the deputy's details. */
  public Optional<String> publicCodeOf(String userId) {
    return userId == null ? Optional.empty() : profiles.publicCode(userId);
  }

  /** The public codes of all deputies who have one, by user id. */
  public Map<String, String> publicCodes() {
    return profiles.publicCodes();
  }

  /**
   * Sets a deputy's details and stations. The user must exist (404) and be a member of group deputies (400); every
   * field is checked (400 with a message per field); a station that has another head refuses a second one (409).
   */
  @Transactional
  public Deputy save(String userId, Change c, String changedBy) {
    User user = userId == null ? null : identity.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      throw new NotFoundException("用户不存在：" + userId + "。请先在用户管理中创建该用户，并把他加入“人大代表”组。");
    }
    if (!deputies.isDeputy(userId)) {
      throw new InvalidInputException("userId", "用户 " + userId + " 不在“人大代表”组（deputies）中，请先在用户管理中把他加入该组");
    }
    Map<String, String> errors = new LinkedHashMap<>();
    String name = c.name() == null ? null : c.name().strip();
    if (name != null && (name.isEmpty() || name.length() > MAX_NAME)) {
      errors.put("name", "姓名不能为空，且不超过 " + MAX_NAME + " 个字（不改姓名时不传此项）");
    }
    DeputyLevel level = Enums.parse(DeputyLevel.class, c.level());
    if (level == null) {
      errors.put("level", LEVELS);
    }
    String sector = c.sector() == null ? "" : c.sector().strip();
    if (sector.isEmpty() || sector.length() > MAX_SECTOR) {
      errors.put("sector", "请填写专业领域（如 防腐、起重、农业），不超过 " + MAX_SECTOR + " 个字");
    }
    String phone = c.phone() == null ? null : c.phone().strip();
    if (phone != null && !MobileNumbers.isMobile(phone)) {
      errors.put("phone", "手机号应为 11 位手机号码，例如 13812345678（不改号码时不传此项）");
    }
    List<DeputyPosting> postings = postings(userId, c.stations(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    requireNoOtherHead(userId, postings);
    Deputy before = find(userId).orElse(null);
    String phoneBefore = profiles.find(userId).map(DeputyProfiles.Profile::phone).orElse(null);

    try {
      profiles.save(userId, level, sector, phone, changedBy, clock.instant());
    } catch (DuplicateKeyException e) {
      throw new ConflictException("该代表的资料正被他人同时修改，请刷新后重试。");
    }
    try {
      stations.stationDeputy(userId, postings);
    } catch (DuplicateKeyException e) {
      // another administrator named another head of one of these stations at the same moment
      throw new ConflictException("联络站的站长刚被他人修改，请刷新后重试；一个联络站只能有一名站长。");
    }
    if (name != null && !name.equals(DisplayNames.of(user))) {
      // the whole Chinese name in firstName, as Camunda's webapps show "firstName lastName"
      user.setFirstName(name);
      user.setLastName("");
      identity.saveUser(user);
    }
    log.info("代表资料已更新：{}，操作人 {}", userId, changedBy);
    Deputy after = find(userId).orElseThrow();
    String changes = Changes.of().field("姓名", before == null ? null : before.name(), after.name())
        .field("层级", before == null || before.level() == null ? null : before.level().label(), after.level().label())
        .field("专业领域", before == null ? null : before.sector(), after.sector())
        .personal("手机号", phoneBefore, phone == null ? phoneBefore : phone)
        .field("驻站", before == null ? null : posts(before), posts(after)).text();
    if (changes != null) { // the demo deputies are saved again at every start: only a change is recorded
      audit.recordBy(changedBy, AuditAction.DEPUTY_SAVED, AuditSubject.deputy(userId), null,
          "修改代表资料：" + after.name(), changes);
    }
    return after;
  }

  private static String posts(Deputy d) {
    return d.stations().stream().map(p -> p.stationName() + p.role().label()).sorted()
        .collect(java.util.stream.Collectors.joining("、"));
  }

  private List<DeputyPosting> postings(String userId, List<StationChange> changes, Map<String, String> errors) {
    if (changes == null) {
      errors.put("stations", "请填写驻站情况：[{stationCode, role}]，不驻站时填 []");
      return List.of();
    }
    List<DeputyPosting> postings = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < changes.size(); i++) {
      StationChange s = changes.get(i);
      String field = "stations[" + i + "]";
      if (s == null) {
        errors.put(field, "请填写联络站编码和驻站职务");
        continue;
      }
      String code = s.stationCode() == null ? "" : s.stationCode().strip();
      if (code.isEmpty()) {
        errors.put(field + ".stationCode", "请填写联络站编码，例如 cy-crane");
      } else if (!stations.exists(code)) {
        errors.put(field + ".stationCode", "联络站不存在：" + code);
      } else if (!seen.add(code)) {
        errors.put(field + ".stationCode", "同一联络站只能填写一次：" + code);
      }
      DeputyPosting.Role role = Enums.parse(DeputyPosting.Role.class, s.role());
      if (role == null) {
        errors.put(field + ".role", ROLES);
      }
      if (!errors.containsKey(field + ".stationCode") && role != null) {
        postings.add(new DeputyPosting(code, userId, role));
      }
    }
    return postings;
  }

  /** 409 naming the station and its present head, so the administrator knows whom to change first. */
  private void requireNoOtherHead(String userId, List<DeputyPosting> postings) {
    List<String> conflicts = new ArrayList<>();
    for (DeputyPosting p : postings) {
      if (p.role() != DeputyPosting.Role.HEAD) {
        continue;
      }
      stations.postingsAt(p.stationCode()).stream()
          .filter(other -> other.role() == DeputyPosting.Role.HEAD && !other.deputyUserId().equals(userId))
          .findFirst()
          .ifPresent(head -> conflicts.add(stationName(p.stationCode()) + "已有站长" + nameOf(head.deputyUserId())
              + "（" + head.deputyUserId() + "）"));
    }
    if (!conflicts.isEmpty()) {
      throw new ConflictException(String.join("；", conflicts)
          + "。一个联络站只能有一名站长：请先把现任站长改为副站长（DEPUTY_HEAD）或驻站代表（MEMBER）。");
    }
  }

  private Deputy deputy(User user, DeputyProfiles.Profile profile, List<DeputyPosting> postings,
      Map<String, String> stationNames) {
    List<Deputy.Post> posts = postings.stream()
        .map(p -> new Deputy.Post(p.stationCode(), stationNames.getOrDefault(p.stationCode(), p.stationCode()),
            p.role()))
        .toList();
    String name = DisplayNames.of(user);
    return new Deputy(user.getId(), name.isEmpty() ? user.getId() : name, profile == null ? null : profile.level(),
        profile == null ? null : profile.sector(),
        profile == null || profile.phone() == null ? null : Masking.phone(profile.phone()), posts);
  }

  private Map<String, String> stationNames() {
    return stations.findAll().stream().collect(Collectors.toMap(Station::code, Station::name));
  }

  private String stationName(String code) {
    return stations.findByCode(code).map(Station::name).orElse(code);
  }

  private String nameOf(String userId) {
    User user = identity.createUserQuery().userId(userId).singleResult();
    return user == null ? userId : DisplayNames.of(user);
  }
}
