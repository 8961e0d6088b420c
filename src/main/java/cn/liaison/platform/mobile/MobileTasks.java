package cn.liaison.platform.mobile;

import cn.liaison.platform.calendar.WorkingDayCalendar;
import cn.liaison.platform.campaign.CampaignProcess;
import cn.liaison.platform.campaign.Household;
import cn.liaison.platform.campaign.Households;
import cn.liaison.platform.opinion.OpinionLoopProcess;
import cn.liaison.platform.proposal.DeputyProposalProcess;
import cn.liaison.platform.rectification.RectificationProcess;
import cn.liaison.platform.supervision.SupervisionLight;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.NotFoundException;
import cn.liaison.platform.system.TaskDecisionRefused;
import cn.liaison.platform.system.TasklistSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The user's tasks, their forms and their completion, through the engine's Java API as the user (Camunda's
 * authorizations apply, as in Tasklist): a task the user may not see is answered like an unknown one. Completion goes
 * through the FormService as Tasklist's submit-form does, so the engine's completion guard checks it the same way.
 */
@Service
class MobileTasks {

  /** The kinds of work shown with a count each; anything else is 其他. */
  enum Kind {
    HOUSEHOLD("农户"), OPINION("意见建议"), PROPOSAL("代表建议"), RECTIFICATION("整改"), OTHER("其他");

    final String label;

    Kind(String label) {
      this.label = label;
    }

    static Kind of(String processKey) {
      if (CampaignProcess.HOUSEHOLD_KEY.equals(processKey)) {
        return HOUSEHOLD;
      }
      if (OpinionLoopProcess.KEY.equals(processKey)) {
        return OPINION;
      }
      if (DeputyProposalProcess.KEY.equals(processKey)) {
        return PROPOSAL;
      }
      if (RectificationProcess.KEY.equals(processKey)) {
        return RECTIFICATION;
      }
      return OTHER;
    }
  }

  /** One card of 我的任务. */
  record TaskCard(String id, String name, Kind kind, String kindLabel, String reference, String detail,
      String headName, Long householdId, String due, String dueText, boolean overdue, String created, String light,
      String lightText) {}

  record TaskList(List<TaskCard> tasks, Map<String, Integer> counts) {}

  /** An open task: its card, its form (the deployed .form as it is) and the form's variables. */
  record OpenTask(TaskCard card, JsonNode schema, Map<String, Object> variables) {}

  static final int MAX_TASKS = 300;
  static final int MAX_VARIABLES = 60;

  private final TaskService tasks;
  private final FormService forms;
  private final IdentityService identity;
  private final RepositoryService repository;
  private final Households households;
  private final ObjectMapper json;
  private final Clock clock;
  private final ZoneId zone;

  MobileTasks(TaskService tasks, FormService forms, IdentityService identity, RepositoryService repository,
      Households households, ObjectMapper json, Clock clock, WorkingDayCalendar calendar) {
    this.tasks = tasks;
    this.forms = forms;
    this.identity = identity;
    this.repository = repository;
    this.households = households;
    this.json = json;
    this.clock = clock;
    this.zone = calendar.zone();
  }

  /** Assigned to the user or waiting unclaimed in one of their groups; soonest due first, overdue on top. */
  TaskList list(TasklistSession.User user, String search) {
    return as(user, () -> {
      var query = tasks.createTaskQuery().or().taskAssignee(user.id());
      if (!user.groups().isEmpty()) {
        query = query.taskCandidateGroupIn(user.groups());
      }
      // named as a candidate (节点检查 of a project's supervising deputies)
      query = query.taskCandidateUser(user.id());
      List<Task> found = query.endOr().orderByDueDate().asc()
          .orderByTaskCreateTime().desc().listPage(0, MAX_TASKS);
      String q = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
      List<TaskCard> cards = new ArrayList<>();
      Map<String, Integer> counts = new LinkedHashMap<>();
      for (Kind k : Kind.values()) {
        counts.put(k.name(), 0);
      }
      for (Task t : found) {
        if (t.getAssignee() != null && !t.getAssignee().equals(user.id())) {
          continue; // a colleague's claimed task: theirs, not mine
        }
        TaskCard card = card(t, user);
        if (!q.isEmpty() && !matches(card, q)) {
          continue;
        }
        cards.add(card);
        counts.merge(card.kind().name(), 1, Integer::sum);
      }
      cards.sort(Comparator.comparing((TaskCard c) -> c.due() == null ? "9999" : c.due()));
      return new TaskList(cards, counts);
    });
  }

  OpenTask open(TasklistSession.User user, String taskId) {
    return as(user, () -> {
      Task task = visibleTask(user, taskId);
      JsonNode schema = schema(task);
      Map<String, Object> variables = new LinkedHashMap<>();
      VariableMap values = forms.getTaskFormVariables(taskId);
      values.forEach((name, value) -> {
        if (variables.size() < MAX_VARIABLES) {
          variables.put(name, plain(value));
        }
      });
      return new OpenTask(card(task, user), schema, variables);
    });
  }

  /**
   * Submits the form's values: the engine's completion guard decides; a refusal is thrown as the
   * {@link TaskDecisionRefused} with the message per variable, and nothing has changed.
   */
  @Transactional
  void complete(TasklistSession.User user, String taskId, Map<String, Object> submitted) {
    as(user, () -> {
      Task task = visibleTask(user, taskId);
      if (task.getAssignee() == null) {
        // a group's task is claimed by the one who does it, as Tasklist does before submitting
        tasks.claim(taskId, user.id());
      }
      forms.submitTaskForm(taskId, typed(submitted));
      return null;
    });
  }

  /** The task if it is the user's own, as {@link #open} decides; "not found" otherwise. */
  Task own(TasklistSession.User user, String taskId) {
    return as(user, () -> visibleTask(user, taskId));
  }

  private Task visibleTask(TasklistSession.User user, String taskId) {
    if (taskId == null || taskId.length() > 64) {
      throw new NotFoundException("未找到该任务，或您无权查看。");
    }
    Task task = tasks.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
    // only the user's own: assigned to them, or unclaimed for one of their groups
    if (task == null || (task.getAssignee() != null && !task.getAssignee().equals(user.id()))
        || (task.getAssignee() == null && tasks.createTaskQuery().taskId(taskId).taskCandidateGroupIn(
            user.groups().isEmpty() ? List.of("\u0000") : user.groups()).count() == 0
            && tasks.createTaskQuery().taskId(taskId).taskCandidateUser(user.id()).count() == 0)) {
      throw new NotFoundException("未找到该任务，或您无权查看。");
    }
    return task;
  }

  private JsonNode schema(Task task) {
    try (InputStream form = forms.getDeployedTaskForm(task.getId())) {
      return json.readTree(form);
    } catch (IOException | ProcessEngineException e) {
      // a task without a Camunda Form: the page says so and links to Tasklist
      return null;
    }
  }

  private TaskCard card(Task t, TasklistSession.User user) {
    String processKey = processKey(t.getProcessDefinitionId());
    Kind kind = Kind.of(processKey);
    Map<String, Object> local = tasks.getVariablesLocal(t.getId());
    String reference = null;
    String detail = null;
    String head = null;
    Long householdId = null;
    switch (kind) {
      case HOUSEHOLD -> {
        reference = text(local.get(CampaignProcess.Var.HOUSEHOLD_NO));
        detail = text(local.get(CampaignProcess.Var.VILLAGE));
        Household h = households.idOfProcessInstance(t.getProcessInstanceId()).flatMap(households::find)
            .orElse(null);
        if (h != null) {
          householdId = h.id();
          // the responsible deputy may see the head of household's name; nobody else gets it here
          if (user.id().equals(h.responsibleDeputy())) {
            head = h.headName();
          }
        }
      }
      case OPINION -> {
        reference = text(local.get(OpinionLoopProcess.Var.TICKET_NO));
        detail = text(local.get(OpinionLoopProcess.Var.CATEGORY_NAME));
      }
      case PROPOSAL -> {
        reference = text(local.get(DeputyProposalProcess.Var.PROPOSAL_NO));
        // 建议编号 + 标题 (the title is a process variable of the proposal, not copied onto each task)
        Object title = local.containsKey(DeputyProposalProcess.Var.TITLE) ? local.get(DeputyProposalProcess.Var.TITLE)
            : tasks.getVariable(t.getId(), DeputyProposalProcess.Var.TITLE);
        Object lead = local.get(DeputyProposalProcess.Var.LEAD_DEPUTY_NAME);
        detail = title != null ? text(title) : lead == null ? null : "领衔代表 " + lead;
      }
      case RECTIFICATION -> {
        reference = text(local.get(RectificationProcess.Var.PROBLEM_NO));
        detail = text(local.get(RectificationProcess.Var.DRIVE_NAME));
      }
      default -> detail = null;
    }
    LocalDate today = LocalDate.now(clock.withZone(zone));
    LocalDate due = t.getDueDate() == null ? null : day(t.getDueDate());
    // 三色督办: the light the engine keeps on the task (opinions at the department, proposals, rectification)
    SupervisionLight light = SupervisionLight.of(local.get(SupervisionLight.VAR));
    return new TaskCard(t.getId(), t.getName(), kind, kind.label, reference, detail, head, householdId,
        due == null ? null : due.toString(), dueText(due, today), due != null && due.isBefore(today),
        t.getCreateTime() == null ? null : day(t.getCreateTime()).toString(), light == null ? null : light.name(),
        light == null ? null : light.text());
  }

  /** The due date in words: 今天到期, 明天到期, 3 天后到期, 已超期 2 天. */
  static String dueText(LocalDate due, LocalDate today) {
    if (due == null) {
      return "无办理时限";
    }
    long days = ChronoUnit.DAYS.between(today, due);
    if (days == 0) {
      return "今天到期";
    }
    if (days == 1) {
      return "明天到期";
    }
    return days > 0 ? days + " 天后到期" : "已超期 " + (-days) + " 天";
  }

  private static boolean matches(TaskCard card, String q) {
    return contains(card.reference(), q) || contains(card.headName(), q) || contains(card.detail(), q)
        || contains(card.name(), q);
  }

  private static boolean contains(String s, String q) {
    return s != null && s.toLowerCase(Locale.ROOT).contains(q);
  }

  private LocalDate day(Date date) {
    return date.toInstant().atZone(zone).toLocalDate();
  }

  private String processKey(String definitionId) {
    if (definitionId == null) {
      return null;
    }
    ProcessDefinition d = repository.getProcessDefinition(definitionId);
    return d == null ? null : d.getKey();
  }

  private static String text(Object o) {
    return o == null ? null : o.toString();
  }

  /** Values as form-js reads them: Spin JSON as JSON, dates as ISO text, the rest as they are. */
  private Object plain(Object value) {
    if (value == null) {
      return null;
    }
    if (value.getClass().getName().startsWith("org.camunda.spin")) {
      try {
        return json.readTree(value.toString());
      } catch (IOException e) {
        return value.toString();
      }
    }
    if (value instanceof Date d) {
      return d.toInstant().atZone(zone).toLocalDate().toString();
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    return value.toString();
  }

  /**
   * The submitted JSON as Tasklist's Camunda Forms send it: texts, numbers and booleans as they are, lists and
   * objects as Spin JSON. Anything the task does not declare is refused by the engine's guard, not here.
   */
  private VariableMap typed(Map<String, Object> submitted) {
    VariableMap map = Variables.createVariables();
    if (submitted == null) {
      return map;
    }
    if (submitted.size() > MAX_VARIABLES) {
      throw new InvalidInputException("variables", "提交的字段过多。");
    }
    submitted.forEach((name, value) -> {
      if (value instanceof List<?> || value instanceof Map<?, ?>) {
        try {
          map.putValue(name, SpinValues.jsonValue(json.writeValueAsString(value)).create());
        } catch (IOException e) {
          throw new InvalidInputException(name, "内容无法识别。");
        }
      } else if (value instanceof Integer i) {
        map.putValue(name, i.longValue());
      } else {
        map.putValue(name, value);
      }
    });
    return map;
  }

  /** Runs as the user, so that the engine checks their authorizations; an authorization failure is "not found". */
  private <T> T as(TasklistSession.User user, Supplier<T> work) {
    identity.setAuthentication(user.id(), user.groups());
    try {
      return work.get();
    } catch (AuthorizationException | NullValueException e) {
      throw new NotFoundException("未找到该任务，或您无权查看。");
    } finally {
      identity.clearAuthentication();
    }
  }
}
