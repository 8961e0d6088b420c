package cn.liaison.platform.audit;

import cn.liaison.platform.calendar.WorkingDayCalendar;
import cn.liaison.platform.system.Enums;
import cn.liaison.platform.system.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.history.UserOperationLogQuery;
import org.springframework.stereotype.Service;

/**
 * What auditors read: the platform's audit trail and, beside it, Camunda's user operation log (who changed,
 * retried, suspended, deleted what in the engine) for the same period, user and subject. Camunda's log stays in
 * Camunda's tables; it is queried, not copied.
 */
@Service
public class AuditReader {

  public static final int PAGE_SIZE = 50;
  /** The most rows one .xlsx export holds; a larger result asks for a narrower filter. */
  public static final int MAX_EXPORT_ROWS = 20_000;

  /** The filter as it came in a request (text), checked by {@link #filter}. */
  public record Request(String from, String to, String user, String action, String subject, String station) {}

  public record Page(List<AuditEvent> rows, long total, int page, int pages) {}

  /** One entry of Camunda's user operation log, in the auditor's words. */
  public record EngineOperation(Instant at, String user, String operation, String entity, String property,
      String processDefinitionKey, String processInstanceId, String businessKey) {}

  private final AuditEvents events;
  private final HistoryService history;
  private final ZoneId zone;

  AuditReader(AuditEvents events, HistoryService history, WorkingDayCalendar calendar) {
    this.events = events;
    this.history = history;
    this.zone = calendar.zone();
  }

  /** Checks the request's filter: dates yyyy-MM-dd (inclusive), a known action; 400 with a message per field. */
  public AuditFilter filter(Request r) {
    Map<String, String> errors = new LinkedHashMap<>();
    LocalDate from = date(r.from(), "from", errors);
    LocalDate to = date(r.to(), "to", errors);
    if (from != null && to != null && to.isBefore(from)) {
      errors.put("to", "结束日期不能早于开始日期");
    }
    AuditAction action = null;
    if (!blank(r.action())) {
      action = Enums.parse(AuditAction.class, r.action().strip());
      if (action == null) {
        errors.put("action", "操作类型不正确，可选：" + String.join("、", java.util.Arrays.stream(AuditAction.values())
            .map(a -> a.name() + "（" + a.label() + "）").toList()));
      }
    }
    text(r.user(), "user", 64, errors);
    text(r.subject(), "subject", 200, errors);
    text(r.station(), "station", 64, errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new AuditFilter(from == null ? null : from.atStartOfDay(zone).toInstant(),
        to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant(), trimmed(r.user()), action,
        trimmed(r.subject()), trimmed(r.station()));
  }

  /** Page 1 … of the matching rows, newest first. */
  public Page page(AuditFilter filter, int page) {
    if (page < 1 || page > 100_000) {
      throw new InvalidInputException("page", "页码应为 1 至 100000 之间的整数");
    }
    long total = events.count(filter);
    int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
    return new Page(events.find(filter, (page - 1) * PAGE_SIZE, PAGE_SIZE), total, page, pages);
  }

  /** Every matching row for the export, newest first; 400 beyond {@link #MAX_EXPORT_ROWS}. */
  public List<AuditEvent> all(AuditFilter filter) {
    if (events.count(filter) > MAX_EXPORT_ROWS) {
      throw new InvalidInputException("from", "导出的记录超过 " + MAX_EXPORT_ROWS + " 条，请缩小时间范围或增加筛选条件");
    }
    return events.find(filter, 0, MAX_EXPORT_ROWS);
  }

  /**
   * Camunda's user operation log for the same period and user; a subject that is a business key (受理编号, 建议编号…)
   * narrows it to that process instance. The newest {@code max} entries.
   */
  public List<EngineOperation> engineOperations(AuditFilter filter, int max) {
    UserOperationLogQuery query = history.createUserOperationLogQuery();
    if (filter.from() != null) {
      query.afterTimestamp(Date.from(filter.from().minusMillis(1)));
    }
    if (filter.until() != null) {
      query.beforeTimestamp(Date.from(filter.until()));
    }
    if (filter.user() != null) {
      query.userId(filter.user());
    }
    if (filter.subject() != null) {
      List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
          .processInstanceBusinessKey(filter.subject()).listPage(0, 1);
      if (instances.isEmpty()) {
        return List.of();
      }
      query.processInstanceId(instances.get(0).getId());
    }
    if (filter.action() != null || filter.station() != null) {
      return List.of(); // the platform's own kinds and stations are not in Camunda's log
    }
    Map<String, String> businessKeys = new LinkedHashMap<>();
    return query.orderByTimestamp().desc().listPage(0, max).stream()
        .map(e -> new EngineOperation(e.getTimestamp().toInstant(), e.getUserId(), operation(e), e.getEntityType(),
            e.getProperty(), e.getProcessDefinitionKey(), e.getProcessInstanceId(),
            e.getProcessInstanceId() == null ? null : businessKeys.computeIfAbsent(e.getProcessInstanceId(),
                this::businessKey)))
        .toList();
  }

  private String businessKey(String processInstanceId) {
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId).singleResult();
    return instance == null ? null : instance.getBusinessKey();
  }

  private static final Map<String, String> OPERATIONS = Map.ofEntries(
      Map.entry("Create", "创建"), Map.entry("Delete", "删除"), Map.entry("Update", "修改"),
      Map.entry("Claim", "认领"), Map.entry("Complete", "完成"), Map.entry("Assign", "指派"),
      Map.entry("Delegate", "委托"), Map.entry("Resolve", "解决"), Map.entry("SetOwner", "设置所有者"),
      Map.entry("SetPriority", "设置优先级"), Map.entry("Suspend", "挂起"), Map.entry("Activate", "激活"),
      Map.entry("SetJobRetries", "重试作业"), Map.entry("SetExternalTaskRetries", "重试外部任务"),
      Map.entry("ModifyProcessInstance", "修改流程实例"), Map.entry("ModifyVariable", "修改变量"),
      Map.entry("SetVariable", "设置变量"), Map.entry("RemoveVariable", "删除变量"),
      Map.entry("DeleteHistory", "删除历史"), Map.entry("Migrate", "迁移"), Map.entry("Restart", "重新启动"),
      Map.entry("CreateIncident", "创建故障"), Map.entry("Correlate", "关联消息"), Map.entry("AddUserLink", "添加用户"),
      Map.entry("DeleteUserLink", "移除用户"), Map.entry("AddGroupLink", "添加候选组"),
      Map.entry("DeleteGroupLink", "移除候选组"), Map.entry("SetRemovalTime", "设置清理时间"));

  private static String operation(UserOperationLogEntry e) {
    return OPERATIONS.getOrDefault(e.getOperationType(), e.getOperationType());
  }

  private static LocalDate date(String value, String field, Map<String, String> errors) {
    if (blank(value)) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      errors.put(field, "日期格式应为 yyyy-MM-dd，例如 2026-05-01");
      return null;
    }
  }

  private static void text(String value, String field, int max, Map<String, String> errors) {
    if (value != null && value.strip().length() > max) {
      errors.put(field, "不能超过 " + max + " 个字符");
    }
  }

  private static String trimmed(String value) {
    return blank(value) ? null : value.strip();
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
