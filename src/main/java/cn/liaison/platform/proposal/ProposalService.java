package cn.liaison.platform.proposal;

import cn.liaison.platform.department.Department;
import cn.liaison.platform.department.Departments;
import cn.liaison.platform.forum.ForumProposals;
import cn.liaison.platform.forum.ForumProposals.ForumSuggestion;
import cn.liaison.platform.identity.Deputies;
import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.opinion.Categories;
import cn.liaison.platform.opinion.Opinion;
import cn.liaison.platform.opinion.OpinionProposals;
import cn.liaison.platform.opinion.Opinions;
import cn.liaison.platform.system.ConflictException;
import org.springframework.dao.DuplicateKeyException;
import cn.liaison.platform.proposal.DeputyProposalProcess.Var;
import cn.liaison.platform.station.DeputyPosting;
import cn.liaison.platform.station.Station;
import cn.liaison.platform.station.Stations;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.NotFoundException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deputy proposals (代表建议) as people ask for them: submit one (a deputy as its lead, or station staff and analysts
 * on a deputy's behalf) and read one. Who may read a proposal: its lead and co-signers (invited ones still deciding,
 * and those who agreed; not those who declined or let the time limit pass), the congress office, the
 * units it is assigned to, analysts and the staff of the lead's stations. Each call is one transaction with the
 * engine's work, numbered on the same connection.
 */
@Service
public class ProposalService {

  private static final Logger log = LoggerFactory.getLogger(ProposalService.class);
  static final Pattern NUMBER = Pattern.compile("^JY\\d{4}-\\d{4,6}$");
  static final int MAX_CO_SIGNERS = 30;
  static final int MAX_OPINIONS = 50;
  static final int MAX_FORUM_SUGGESTIONS = 50;

  /** Who calls: the user and their Camunda groups. */
  public record Caller(String userId, Set<String> groups) {
    boolean in(String group) {
      return groups.contains(group);
    }
  }

  /**
   * What a deputy or staff member sends; opinionTickets: opinions routed TO_PROPOSAL that wait for a proposal;
   * forumSuggestionIds: the lead deputy's own forum suggestions kept as proposal material (PROPOSAL_CANDIDATE).
   */
  public record Submission(String title, String reasons, String content, String category, String leadDeputy,
      List<String> coSigners, List<String> opinionTickets, List<Long> forumSuggestionIds) {

    public Submission(String title, String reasons, String content, String category, String leadDeputy,
        List<String> coSigners, List<String> opinionTickets) {
      this(title, reasons, content, category, leadDeputy, coSigners, opinionTickets, List.of());
    }
  }

  private final Proposals proposals;
  private final ProposalNumbers numbers;
  private final Categories categories;
  private final Deputies deputies;
  private final Stations stations;
  private final Departments departments;
  private final IdentityService identity;
  private final RuntimeService runtime;
  private final OpinionProposals opinionProposals;
  private final Opinions opinions;
  private final ForumProposals forumProposals;

  ProposalService(Proposals proposals, ProposalNumbers numbers, Categories categories, Deputies deputies,
      Stations stations, Departments departments, IdentityService identity, RuntimeService runtime,
      OpinionProposals opinionProposals, Opinions opinions, ForumProposals forumProposals) {
    this.forumProposals = forumProposals;
    this.opinionProposals = opinionProposals;
    this.opinions = opinions;
    this.proposals = proposals;
    this.numbers = numbers;
    this.categories = categories;
    this.deputies = deputies;
    this.stations = stations;
    this.departments = departments;
    this.identity = identity;
    this.runtime = runtime;
  }

  /**
   * Checks and stores the proposal and starts its process; returns its number. Every field is checked first (400
   * with a message per field, nothing stored); then who may submit it for this lead (403).
   */
  @Transactional
  public String submit(Submission s, Caller caller) {
    Map<String, String> errors = new LinkedHashMap<>();
    String title = trim(s.title());
    if (title == null) {
      errors.put("title", "请填写建议标题，格式为“关于……的建议”");
    } else if (!title.startsWith("关于") || !title.endsWith("的建议") || title.length() < 6) {
      errors.put("title", "建议标题的格式应为“关于……的建议”");
    } else if (title.length() > DeputyProposalProcess.MAX_TITLE) {
      errors.put("title", "建议标题不能超过 " + DeputyProposalProcess.MAX_TITLE + " 个字");
    }
    String reasons = trim(s.reasons());
    if (reasons == null || reasons.codePointCount(0, reasons.length()) < 10) {
      errors.put("reasons", "请填写案由，至少 10 个字");
    } else if (reasons.length() > DeputyProposalProcess.MAX_REASONS) {
      errors.put("reasons", "案由不能超过 " + DeputyProposalProcess.MAX_REASONS + " 个字");
    }
    String content = trim(s.content());
    if (content == null || content.codePointCount(0, content.length()) < 10) {
      errors.put("content", "请填写建议内容，至少 10 个字");
    } else if (content.length() > DeputyProposalProcess.MAX_CONTENT) {
      errors.put("content", "建议内容不能超过 " + DeputyProposalProcess.MAX_CONTENT + " 个字");
    }
    Categories.Category category = null;
    if (trim(s.category()) == null) {
      errors.put("category", "请选择建议类别");
    } else {
      category = categories.find(s.category().strip()).orElse(null);
      if (category == null) {
        errors.put("category", "建议类别不正确");
      }
    }
    String lead = trim(s.leadDeputy());
    if (lead == null) {
      errors.put("leadDeputy", "请填写领衔代表（用户名）");
    } else if (!deputies.isDeputy(lead)) {
      errors.put("leadDeputy", "“" + lead + "”不是人大代表组的用户");
    }
    List<String> coSigners = new ArrayList<>();
    if (s.coSigners() != null) {
      Set<String> seen = new HashSet<>();
      for (String raw : s.coSigners()) {
        String c = trim(raw);
        if (c == null) {
          errors.put("coSigners", "联名代表的用户名不能为空");
        } else if (c.equals(lead)) {
          errors.put("coSigners", "领衔代表不能同时作为联名代表");
        } else if (!seen.add(c)) {
          errors.put("coSigners", "联名代表“" + c + "”重复");
        } else if (!deputies.isDeputy(c)) {
          errors.put("coSigners", "“" + c + "”不是人大代表组的用户");
        } else {
          coSigners.add(c);
        }
      }
      if (s.coSigners().size() > MAX_CO_SIGNERS) {
        errors.put("coSigners", "联名代表不能超过 " + MAX_CO_SIGNERS + " 名");
      }
    }
    List<Opinion> linked = new ArrayList<>();
    if (s.opinionTickets() != null) {
      Set<String> leadStations = lead == null ? Set.of() : new HashSet<>(stations.postingsOf(lead).stream()
          .map(DeputyPosting::stationCode).toList());
      Set<String> seen = new HashSet<>();
      for (String raw : s.opinionTickets()) {
        String ticket = trim(raw);
        Opinion o = ticket == null ? null : opinionProposals.waitingOpinion(ticket).orElse(null);
        if (ticket == null) {
          errors.put("opinionTickets", "受理编号不能为空");
        } else if (!seen.add(ticket)) {
          errors.put("opinionTickets", "受理编号 " + ticket + " 重复");
        } else if (o == null) {
          errors.put("opinionTickets", "受理编号为 " + ticket + " 的意见不在待转代表建议的意见中");
        } else if (!leadStations.contains(o.stationCode()) && !java.util.Objects.equals(lead, o.proposalDeputy())) {
          errors.put("opinionTickets", "受理编号为 " + ticket + " 的意见不属于领衔代表所在的联络站");
        } else if (proposals.isLinked(o.id())) {
          errors.put("opinionTickets", "受理编号为 " + ticket + " 的意见已在另一件代表建议中");
        } else {
          linked.add(o);
        }
      }
      if (s.opinionTickets().size() > MAX_OPINIONS) {
        errors.put("opinionTickets", "一件建议最多关联 " + MAX_OPINIONS + " 条意见");
      }
    }
    List<ForumSuggestion> suggestions = new ArrayList<>();
    if (s.forumSuggestionIds() != null) {
      Set<Long> seen = new HashSet<>();
      for (int i = 0; i < s.forumSuggestionIds().size(); i++) {
        Long suggestionId = s.forumSuggestionIds().get(i);
        String field = "forumSuggestionIds[" + i + "]";
        ForumSuggestion f = suggestionId == null ? null : forumProposals.waiting(suggestionId).orElse(null);
        if (suggestionId == null) {
          errors.put(field, "座谈会建议的编号不能为空");
        } else if (!seen.add(suggestionId)) {
          errors.put(field, "座谈会建议 " + suggestionId + " 重复");
        } else if (f == null && forumProposals.taken(suggestionId)) {
          errors.put(field, "座谈会建议 " + suggestionId + " 已在另一件代表建议中");
        } else if (f == null) {
          errors.put(field, "座谈会建议 " + suggestionId + " 不在待形成代表建议的座谈会建议中");
        } else if (!f.proposer().equals(lead)) {
          errors.put(field, "座谈会建议 " + suggestionId + " 不是领衔代表在座谈会上提出的");
        } else {
          suggestions.add(f);
        }
      }
      if (s.forumSuggestionIds().size() > MAX_FORUM_SUGGESTIONS) {
        errors.put("forumSuggestionIds", "一件建议最多关联 " + MAX_FORUM_SUGGESTIONS + " 条座谈会建议");
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    boolean onBehalf = !(caller.userId().equals(lead) && caller.in(PlatformGroups.DEPUTIES));
    if (onBehalf && !mayActFor(caller, lead)) {
      throw new AccessDeniedException("only the lead deputy, staff of the lead's station or analysts submit");
    }

    String proposalNo = numbers.next();
    ProposalStatus status = onBehalf ? ProposalStatus.CONFIRMING : ProposalStatus.CO_SIGNING;
    long id = proposals.insert(proposalNo, new Proposals.NewProposal(title, reasons, content, category.code(), lead,
        caller.userId(), status), coSigners);
    for (Opinion o : linked) {
      try {
        proposals.linkOpinion(id, o.id(), o.ticketNo());
      } catch (DuplicateKeyException e) {
        // another proposal took the opinion at the same moment: nothing of this one is stored
        throw new ConflictException("受理编号为 " + o.ticketNo() + " 的意见刚被另一件代表建议关联，请刷新后重试");
      }
      opinionProposals.linked(o.id(), proposalNo, title, caller.userId());
    }
    for (ForumSuggestion f : suggestions) {
      if (!forumProposals.take(f.id(), proposalNo)) {
        // another proposal took the suggestion at the same moment: nothing of this one is stored
        throw new ConflictException("座谈会建议 " + f.id() + " 刚被另一件代表建议关联，请刷新后重试");
      }
    }
    proposals.addEvent(id, status, "提出建议", (onBehalf ? "由工作人员代为录入，待领衔代表确认" : "领衔代表提出建议")
        + (linked.isEmpty() ? "" : "；关联意见 " + String.join("、", linked.stream().map(Opinion::ticketNo).toList()))
        + (suggestions.isEmpty() ? "" : "；关联座谈会建议 " + String.join("、", suggestions.stream()
            .map(f -> f.forumNo() + "#" + f.id()).toList())),
        caller.userId());
    var variables = Variables.createVariables()
        .putValue(Var.PROPOSAL_ID, id)
        .putValue(Var.PROPOSAL_NO, proposalNo)
        .putValue(Var.TITLE, title)
        .putValue(Var.REASONS, reasons)
        .putValue(Var.CONTENT, content)
        .putValue(Var.CATEGORY, category.code())
        .putValue(Var.CATEGORY_NAME, category.name())
        .putValue(Var.LEAD_DEPUTY, lead)
        .putValue(Var.LEAD_DEPUTY_NAME, name(lead))
        .putValue(Var.NEEDS_CONFIRMATION, onBehalf)
        .putValue(Var.CO_SIGNERS_SUMMARY, coSignersSummary(coSigners));
    String processInstanceId = runtime.createProcessInstanceByKey(DeputyProposalProcess.KEY).businessKey(proposalNo)
        .setVariables(variables).execute().getId();
    proposals.setProcessInstance(id, processInstanceId);
    log.info("proposal {} submitted by {} (lead {}, {} co-signers)", proposalNo, caller.userId(), lead,
        coSigners.size());
    return proposalNo;
  }

  /** The proposal for a reader allowed to see it: 404 for an unknown number, 403 for anyone else. */
  @Transactional(readOnly = true)
  public ProposalView view(String proposalNo, Caller caller) {
    Proposal p = proposalNo == null || !NUMBER.matcher(proposalNo).matches() ? null
        : proposals.findByNo(proposalNo).orElse(null);
    if (p == null) {
      throw new NotFoundException("代表建议不存在：" + proposalNo);
    }
    List<Proposal.CoSigner> coSigners = proposals.coSigners(p.id());
    List<Proposal.Unit> units = proposals.units(p.id());
    if (!mayRead(caller, p, coSigners, units)) {
      throw new AccessDeniedException("not a reader of proposal " + proposalNo);
    }
    return ProposalView.of(p, categories.nameOf(p.category()), name(p.leadDeputy()),
        coSigners.stream().map(c -> ProposalView.CoSignerView.of(c, name(c.deputyUserId()))).toList(),
        units.stream().map(u -> ProposalView.UnitView.of(u, departments.findByCode(u.departmentCode())
            .map(Department::name).orElse(u.departmentCode()))).toList(),
        proposals.evaluations(p.id()),
        proposals.events(p.id()).stream().map(ProposalView.EventView::of).toList(),
        proposals.linkedOpinions(p.id()).keySet().stream().map(opinions::get)
            .map(o -> new ProposalView.LinkedOpinion(o.ticketNo(), o.stationCode(), o.category(),
                categories.nameOf(o.category()), o.content(), o.place(), o.maskedContact(), o.status().label()))
            .toList(),
        forumProposals.of(p.proposalNo()).stream()
            .map(f -> new ProposalView.LinkedForumSuggestion(f.id(), f.forumNo(), f.category(),
                categories.nameOf(f.category()), f.content()))
            .toList());
  }

  /**
   * An item of the proposal pool, by kind: OPINION, an opinion routed TO_PROPOSAL by an analyst, in no proposal yet,
   * the contact masked; FORUM_SUGGESTION, a deputy's suggestion at a forum kept as proposal material (forumNo and
   * forumSuggestionId set; proposalDeputy is the deputy who made it; no ticket, place or contact).
   */
  public record Candidate(String ticketNo, String category, String categoryName, String content, String place,
      String contactMasked, String proposalDeputy, java.time.Instant submittedAt, String kind, String forumNo,
      Long forumSuggestionId) {}

  /**
   * The proposal pool of a station (代表建议素材): for the station's deputies and staff, analysts and the congress
   * office; 404 for an unknown station, 403 for anyone else.
   */
  @Transactional(readOnly = true)
  public List<Candidate> candidates(String stationCode, Caller caller) {
    if (stationCode == null || stationCode.isBlank()) {
      throw new InvalidInputException("station", "请指定联络站（station）");
    }
    String code = stationCode.strip();
    if (!stations.exists(code)) {
      throw new NotFoundException("联络站不存在：" + code);
    }
    boolean allowed = caller.in(PlatformGroups.ANALYSTS) || caller.in(PlatformGroups.CONGRESS_OFFICE)
        || caller.in(PlatformGroups.ADMIN) || caller.in(Station.staffGroupOf(code))
        || (caller.in(PlatformGroups.DEPUTIES) && stations.postingsAt(code).stream()
            .anyMatch(p -> p.deputyUserId().equals(caller.userId())));
    if (!allowed) {
      throw new AccessDeniedException("not a reader of the proposal pool of station " + code);
    }
    List<Candidate> pool = new ArrayList<>(opinionProposals.waiting(code).stream()
        .filter(o -> !proposals.isLinked(o.id()))
        .map(o -> new Candidate(o.ticketNo(), o.category(), categories.nameOf(o.category()), o.content(), o.place(),
            o.maskedContact(), o.proposalDeputy(), o.submittedAt(), "OPINION", null, null))
        .toList());
    forumProposals.waitingAt(code).forEach(f -> pool.add(new Candidate(null, f.category(),
        categories.nameOf(f.category()), f.content(), null, null, f.proposer(), f.createdAt(), "FORUM_SUGGESTION",
        f.forumNo(), f.id())));
    return pool;
  }

  boolean mayRead(Caller caller, Proposal p, List<Proposal.CoSigner> coSigners, List<Proposal.Unit> units) {
    if (caller.in(PlatformGroups.CONGRESS_OFFICE) || caller.in(PlatformGroups.ANALYSTS)
        || caller.in(PlatformGroups.ADMIN)) {
      return true;
    }
    if (caller.in(PlatformGroups.DEPUTIES) && (caller.userId().equals(p.leadDeputy())
        || coSigners.stream().anyMatch(c -> c.deputyUserId().equals(caller.userId())
            && ("PENDING".equals(c.decision()) || "AGREE".equals(c.decision()))))) {
      return true;
    }
    for (Proposal.Unit u : units) {
      String group = departments.findByCode(u.departmentCode()).map(Department::groupId).orElse(null);
      if (group != null && caller.in(group)) {
        return true;
      }
    }
    return isStaffOfLeadsStation(caller, p.leadDeputy());
  }

  /** Analysts, and the staff of a station where the lead is stationed, enter proposals on the lead's behalf. */
  private boolean mayActFor(Caller caller, String lead) {
    return caller.in(PlatformGroups.ANALYSTS) || isStaffOfLeadsStation(caller, lead);
  }

  private boolean isStaffOfLeadsStation(Caller caller, String lead) {
    return stations.postingsOf(lead).stream().map(DeputyPosting::stationCode).map(Station::staffGroupOf)
        .anyMatch(caller::in);
  }

  /** A user's display name (姓名), or the id for a user without one. */
  String name(String userId) {
    User user = userId == null ? null : identity.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      return userId;
    }
    String name = cn.liaison.platform.system.DisplayNames.of(user);
    return name.isEmpty() ? userId : name;
  }

  String coSignersSummary(List<String> coSigners) {
    return coSigners.isEmpty() ? "无" : String.join("、", coSigners.stream().map(this::name).toList());
  }

  static String trim(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
