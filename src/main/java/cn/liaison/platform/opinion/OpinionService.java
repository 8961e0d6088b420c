package cn.liaison.platform.opinion;

import cn.liaison.platform.notification.Notifier;
import cn.liaison.platform.notification.OutboxNotifier;
import cn.liaison.platform.opinion.OpinionLoopProcess.Message;
import cn.liaison.platform.opinion.OpinionLoopProcess.Var;
import cn.liaison.platform.opinion.OpinionProgress.Step;
import cn.liaison.platform.station.Station;
import cn.liaison.platform.station.Stations;
import cn.liaison.platform.system.ConflictException;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.MobileNumbers;
import cn.liaison.platform.system.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The citizen's side of the loop: submit an opinion, follow it with the ticket number and key, evaluate
 * the reply. Each call is one transaction with the process engine's work, so nothing is half-written.
 */
@Service
public class OpinionService {

  private static final Logger log = LoggerFactory.getLogger(OpinionService.class);
  static final Pattern TICKET = Pattern.compile("^YJ\\d{8}-\\d{4,6}$");
  static final String NOT_FOUND = "未找到该受理编号，或查询码不正确。";


  /** The ticket number and the key, shown once to the citizen. */
  public record Submitted(String ticketNo, String trackingKey) {}

  private final Opinions opinions;
  private final Stations stations;
  private final Categories categories;
  private final TicketNumbers ticketNumbers;
  private final RuntimeService runtime;
  private final OutboxNotifier outbox;
  private final Notifier notifier;
  private final OpinionProperties properties;
  private final cn.liaison.platform.calendar.WorkingDayCalendar calendar;
  private final DeputyFirstResponseProperties deputyResponse;
  private final cn.liaison.platform.identity.Deputies deputies;

  OpinionService(Opinions opinions, Stations stations, Categories categories, TicketNumbers ticketNumbers,
      RuntimeService runtime, OutboxNotifier outbox, Notifier notifier, OpinionProperties properties,
      cn.liaison.platform.calendar.WorkingDayCalendar calendar, DeputyFirstResponseProperties deputyResponse,
      cn.liaison.platform.identity.Deputies deputies) {
    this.calendar = calendar;
    this.deputyResponse = deputyResponse;
    this.deputies = deputies;
    this.properties = properties;
    this.opinions = opinions;
    this.stations = stations;
    this.categories = categories;
    this.ticketNumbers = ticketNumbers;
    this.runtime = runtime;
    this.outbox = outbox;
    this.notifier = notifier;
  }

  /**
   * Validates and stores the opinion and starts its loop. staffUser is the logged-in staff member for
   * channels other than QR_CODE (null for citizens, who may only use QR_CODE).
   */
  @Transactional
  public Submitted submit(OpinionSubmission s, String staffUser) {
    return submit(s, staffUser, null);
  }

  /**
   * As {@link #submit(OpinionSubmission, String)}, sent to a deputy (代表码): deputyUserId is resolved by the caller
   * from the deputy's public code (never taken from a client), and the deputy answers first (代表先行答复).
   */
  @Transactional
  public Submitted submit(OpinionSubmission s, String staffUser, String deputyUserId) {
    if (deputyUserId != null && !deputies.isDeputy(deputyUserId)) {
      throw new IllegalArgumentException("not a deputy: " + deputyUserId);
    }
    Channel channel = s.channel() == null ? Channel.QR_CODE : s.channel();
    Map<String, String> errors = new LinkedHashMap<>();
    Station station = null;
    if (blank(s.stationCode())) {
      errors.put("stationCode", "请选择联络站");
    } else {
      station = stations.findByCode(s.stationCode()).filter(Station::active).orElse(null);
      if (station == null) {
        errors.put("stationCode", "联络站不存在或已停用");
      }
    }
    Categories.Category category = null;
    if (blank(s.category())) {
      errors.put("category", "请选择意见类别");
    } else {
      category = categories.find(s.category()).orElse(null);
      if (category == null) {
        errors.put("category", "意见类别不正确");
      }
    }
    String content = trim(s.content());
    if (content == null || content.codePointCount(0, content.length()) < 10) {
      errors.put("content", "请填写意见内容，至少 10 个字");
    } else if (content.codePointCount(0, content.length()) > 2000) {
      errors.put("content", "意见内容不能超过 2000 个字");
    }
    String place = trim(s.place());
    if (place == null) {
      errors.put("place", "请填写所在村（社区）或地点");
    } else if (place.length() > 100) {
      errors.put("place", "地点不能超过 100 个字");
    }
    boolean anonymous = Boolean.TRUE.equals(s.anonymous());
    String name = anonymous ? null : trim(s.contactName());
    if (name != null && name.length() > 50) {
      errors.put("contactName", "姓名不能超过 50 个字");
    }
    String phone = trim(s.contactPhone());
    if (phone != null) {
      phone = phone.replaceAll("[\\s-]", "");
      if (phone.startsWith("+86")) {
        phone = phone.substring(3);
      }
      if (!MobileNumbers.isMobile(phone)) {
        errors.put("contactPhone", "请填写正确的 11 位手机号码");
      }
    }
    boolean consent = Boolean.TRUE.equals(s.consent());
    if (!consent && channel == Channel.QR_CODE) {
      errors.put("consent", "请阅读并同意《个人信息使用说明》");
    }
    if (channel != Channel.QR_CODE && staffUser == null) {
      errors.put("channel", "只有联络站工作人员登录后才能登记该渠道的意见");
    }
    String answeredOnSpot = trim(s.answeredOnSpot());
    if (answeredOnSpot != null && channel == Channel.QR_CODE) {
      errors.put("answeredOnSpot", "扫码提交的意见不能登记为当场答复");
    } else if (answeredOnSpot != null && answeredOnSpot.length() > 2000) {
      errors.put("answeredOnSpot", "当场答复内容不能超过 2000 个字");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }

    // the first write: today's counter row stays locked until this transaction commits (TicketNumbers), so
    // everything from here on is quick database work on this one connection
    String ticketNo = ticketNumbers.next();
    String key = TrackingKeys.generate();
    Instant now = opinions.now();
    long id = opinions.insert(ticketNo, TrackingKeys.hash(key), new Opinions.NewOpinion(station.code(), channel,
        category.code(), content, place, name, phone, anonymous, consent, staffUser), now);
    opinions.addEvent(id, OpinionStatus.RECEIVED, "已收到您的意见建议",
        "受理编号 " + ticketNo + "，由" + station.name() + "受理。", true, staffUser);
    opinions.knownLink(ticketNo, id, null);

    VariableMap variables = Variables.createVariables()
        .putValue(Var.OPINION_ID, id)
        .putValue(Var.TICKET_NO, ticketNo)
        .putValue(Var.STATION_CODE, station.code())
        .putValue(Var.STATION_NAME, station.name())
        .putValue(Var.STATION_STAFF_GROUP, station.staffGroup())
        .putValue(Var.CATEGORY, category.code())
        .putValue(Var.CATEGORY_NAME, category.name())
        .putValue(Var.CONTENT, content)
        .putValue(Var.PLACE, place)
        .putValue(Var.CHANNEL, channel.name())
        .putValue(Var.CONTACT_MASKED, Opinion.maskedContact(phone, anonymous))
        .putValue(Var.HISTORY, "")
        .putValue(Var.REOPEN_COUNT, 0)
        .putValue(Var.EVALUATION_WINDOW, properties.evaluationWindow())
        .putValue(Var.REOPEN_LIMIT, properties.reopenLimit())
        .putValue(Var.DEPUTY, answeredOnSpot == null ? deputyUserId : null);
    if (deputyUserId != null && answeredOnSpot == null) {
      Instant due = calendar.deadline(now, deputyResponse.workingDays());
      variables.putValue(Var.DEPUTY_RESPONSE_DUE, java.util.Date.from(due));
      opinions.addressTo(id, deputyUserId);
      opinions.addEvent(id, OpinionStatus.RECEIVED, "已转交人大代表",
          "您的意见已直接送达您选择的人大代表，代表将于 " + OpinionHandling.DATE.format(due.atZone(calendar.zone()))
              + " 前答复或转交联络站办理。", true, null);
      notifier.notifyUser(deputyUserId, OpinionHandling.subject(id), "deputy-new:" + id, "群众向您反映意见 " + ticketNo,
          "有群众通过代表码向您反映意见（" + category.name() + "），请在 " + deputyResponse.workingDays()
              + " 个工作日内处理：直接答复、转联络站梳理或列入代表建议素材。");
    }
    var start = runtime.createProcessInstanceByKey(OpinionLoopProcess.KEY).businessKey(ticketNo);
    if (answeredOnSpot != null) {
      // solved on the spot at a reception: recorded as answered directly, the citizen still evaluates
      opinions.markFirstResponse(id);
      variables.putValue(Var.ROUTE, OpinionLoopProcess.Route.ANSWER_DIRECTLY.name())
          .putValue(Var.ANSWER_TEXT, answeredOnSpot);
      start.startBeforeActivity(OpinionLoopProcess.Task.RECORD_REPLY);
    }
    String processInstanceId = start.setVariables(variables).execute().getId();
    if (!processInstanceId.equals(opinions.linkedInThisTransaction(id))) {
      opinions.setProcessInstance(id, processInstanceId); // the first task was not 汇总梳理 (代表先行答复, 当场答复)
    }
    notifier.notifyCitizen(OpinionHandling.subject(id), "received:" + id, "已收到意见建议",
        "您的意见建议已由" + station.name() + "受理，受理编号 " + ticketNo + "。可凭受理编号和查询码查看办理进度。");
    log.info("opinion {} received at station {} via {}", ticketNo, station.code(), channel);
    return new Submitted(ticketNo, key);
  }

  /** The citizen's view; a wrong key looks exactly like an unknown ticket. */
  @Transactional(readOnly = true)
  public OpinionProgress track(String ticketNo, String key) {
    Opinion o = authorised(ticketNo, key);
    Station station = stations.findByCode(o.stationCode()).orElseThrow();
    List<OpinionEvent> events = opinions.events(o.id(), true);
    List<OpinionReply> replies = opinions.replies(o.id());
    List<Step> timeline = new ArrayList<>();
    int currentIndex = OpinionStatus.TIMELINE.indexOf(timelineStatus(o.status()));
    for (int i = 0; i < OpinionStatus.TIMELINE.size(); i++) {
      OpinionStatus step = OpinionStatus.TIMELINE.get(i);
      Instant at = events.stream().filter(e -> e.status() == step).map(OpinionEvent::occurredAt).findFirst()
          .orElse(null);
      timeline.add(new Step(step, step.label(), i <= currentIndex, i == currentIndex, at));
    }
    var publicEvents = events.stream()
        .map(e -> new OpinionProgress.PublicEvent(e.status(), e.title(), e.detail(), e.occurredAt())).toList();
    var publicReplies = replies.stream().map(r -> new OpinionProgress.PublicReply(r.round(), r.source(),
        r.departmentCode(), r.result(), r.text(), r.measures(), r.repliedAt(), r.rating(), r.evaluationComment(),
        r.evaluatedAt())).toList();
    var notices = outbox.forCitizen(OpinionHandling.subject(o.id())).stream()
        .map(n -> new OpinionProgress.PublicNotification(n.title(), n.body(), n.createdAt(), n.sentAt())).toList();
    return new OpinionProgress(o.ticketNo(), station.name(), categories.nameOf(o.category()), o.content(), o.status(),
        o.status().label(), o.submittedAt(), o.dueAt(), timeline, publicEvents, publicReplies, notices,
        canEvaluate(o, replies));
  }

  /** Stores the evaluation of the latest reply and lets the loop go on; once per reply. */
  @Transactional
  public void evaluate(String ticketNo, String key, Rating rating, String comment) {
    Opinion o = authorised(ticketNo, key);
    Map<String, String> errors = new LinkedHashMap<>();
    if (rating == null) {
      errors.put("rating", "请选择满意、基本满意或不满意");
    }
    String text = trim(comment);
    if (text != null && text.length() > 500) {
      errors.put("comment", "评价意见不能超过 500 个字");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    List<OpinionReply> replies = opinions.replies(o.id());
    // whether the loop still waits for the evaluation is answered by the correlation below (its failure rolls this
    // back), so here only the record is asked: one engine query less per evaluation
    if (!latestReplyUnrated(o, replies)) {
      throw new ConflictException(replies.isEmpty() ? "尚未答复，暂不能评价。" : "该答复已评价或评价期限已过。");
    }
    OpinionReply reply = replies.get(replies.size() - 1);
    opinions.knownLink(o.ticketNo(), o.id(), o.processInstanceId());
    opinions.addEvaluation(o.id(), reply.id(), rating, text);
    opinions.addEvent(o.id(), OpinionStatus.REPLIED, "您已评价：" + rating.label(), text, true, null);
    try {
      runtime.createMessageCorrelation(Message.CITIZEN_EVALUATED).processInstanceBusinessKey(o.ticketNo())
          .setVariable(Var.RATING, rating.name())
          .setVariable(Var.LAST_EVALUATION_COMMENT, text == null ? "" : text)
          .correlateWithResult();
    } catch (MismatchingMessageCorrelationException e) {
      // the 7-day window closed between our check and now: nothing is stored (the transaction rolls back)
      throw new ConflictException("该答复已评价或评价期限已过。");
    }
  }

  private static boolean latestReplyUnrated(Opinion o, List<OpinionReply> replies) {
    return o.status() == OpinionStatus.REPLIED && !replies.isEmpty() && replies.get(replies.size() - 1).rating() == null;
  }

  /** The citizen's page offers the evaluation: the latest reply is unrated and the loop waits for it. */
  private boolean canEvaluate(Opinion o, List<OpinionReply> replies) {
    if (!latestReplyUnrated(o, replies)) {
      return false;
    }
    return runtime.createEventSubscriptionQuery().processInstanceId(o.processInstanceId())
        .eventName(Message.CITIZEN_EVALUATED).count() > 0;
  }

  private Opinion authorised(String ticketNo, String key) {
    if (ticketNo == null || !TICKET.matcher(ticketNo).matches() || key == null || key.isBlank()) {
      throw new NotFoundException(NOT_FOUND);
    }
    Opinion o = opinions.findByTicket(ticketNo).orElse(null);
    if (o == null || !TrackingKeys.matches(key, o.trackingKeyHash())) {
      throw new NotFoundException(NOT_FOUND);
    }
    return o;
  }

  private static OpinionStatus timelineStatus(OpinionStatus s) {
    return switch (s) {
      case TO_PROPOSAL -> OpinionStatus.ASSIGNED;
      case REJECTED, DUPLICATE -> OpinionStatus.CLOSED;
      default -> s;
    };
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  static String trim(String s) {
    return blank(s) ? null : s.strip();
  }

  /**
   * A problem of a rectification list (一网四制) was raised from this opinion: a public line on its tracking page
   * names the problem, so the two are linked both ways. Empty when there is no such opinion.
   */
  @Transactional
  public java.util.Optional<String> noteRectificationProblem(String ticketNo, String problemNo, String actor) {
    return opinions.findByTicket(ticketNo).map(o -> {
      opinions.addEvent(o.id(), o.status(), "列入整改问题清单", "问题编号 " + problemNo + "，由责任单位整改、网格代表监督", true,
          actor);
      return o.stationCode();
    });
  }

  /**
   * The problem raised from this opinion was rectified and verified by the grid's deputy (反馈): the citizen sees it
   * on the tracking page (a public line and a notice). Idempotent by the problem's number.
   */
  @Transactional
  public void tellRectified(String ticketNo, String problemNo, String measures) {
    Opinion o = opinions.findByTicket(ticketNo).orElse(null);
    if (o == null) {
      return;
    }
    String text = "您反映的问题（问题编号 " + problemNo + "）已整改完成，并经网格人大代表核验通过。整改措施：" + measures;
    if (opinions.events(o.id(), true).stream().noneMatch(e -> e.detail() != null && e.detail().equals(text))) {
      opinions.addEvent(o.id(), o.status(), "问题已整改", text, true, null);
    }
    notifier.notifyCitizen(OpinionHandling.subject(o.id()), "rectified:" + problemNo, "问题已整改", text);
  }

  /** The problem raised from this opinion was crossed off (销号): a public line on its tracking page, once. */
  @Transactional
  public void noteRectificationClosed(String ticketNo, String problemNo) {
    opinions.findByTicket(ticketNo).ifPresent(o -> {
      String detail = "问题编号 " + problemNo + " 已整改到位并销号";
      if (opinions.events(o.id(), true).stream().noneMatch(e -> detail.equals(e.detail()))) {
        opinions.addEvent(o.id(), o.status(), "整改问题已销号", detail, true, null);
      }
    });
  }
}
