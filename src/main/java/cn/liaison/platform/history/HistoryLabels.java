package cn.liaison.platform.history;

import cn.liaison.platform.opinion.Categories;
import cn.liaison.platform.opinion.Channel;
import cn.liaison.platform.opinion.OpinionLoopProcess;
import cn.liaison.platform.opinion.Rating;
import cn.liaison.platform.opinion.ReplyResult;
import cn.liaison.platform.supervision.SupervisionLight;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The Chinese words for the codes the process history shows: a form field's label for a variable name and an
 * option's label for a stored value (replyResult SOLVED → 已解决), read from the Camunda forms deployed with the
 * latest process versions (the very labels staff chose from in Tasklist), plus the values set outside any form
 * (the citizen's rating, the channel, the category). Rebuilt when the set of latest deployments changes.
 */
@Service
public class HistoryLabels {

  private static final Logger log = LoggerFactory.getLogger(HistoryLabels.class);

  /** Variables holding the same kind of value as a form field of another name. */
  static final Map<String, String> SAME_VALUES_AS = Map.of(
      "proposedDepartmentCode", "departmentCode", "lastRating", "rating");

  /**
   * Names of variables no form asks for: set when a loop starts or by the platform (processes/README.md, "Variables
   * set when the loop starts"). A form's label wins where both exist.
   */
  static final Map<String, String> PLATFORM_VARIABLES = Map.ofEntries(
      Map.entry("opinionId", "意见记录号"), Map.entry("ticketNo", "受理编号"), Map.entry("stationCode", "联络站"),
      Map.entry("stationName", "联络站名称"), Map.entry("stationStaffGroup", "联络站工作人员组"),
      Map.entry("category", "意见类别"), Map.entry("categoryName", "意见类别名称"), Map.entry("content", "意见内容"),
      Map.entry("place", "村（社区）或地点"), Map.entry("channel", "渠道"), Map.entry("contactMasked", "联系方式（已隐去）"),
      Map.entry("opinionHistory", "办理历史"), Map.entry("reopenCount", "重新研判次数"),
      Map.entry("evaluationWindow", "评价期限"), Map.entry("reopenLimit", "重新研判上限"),
      Map.entry("proposedDepartmentCode", "建议承办部门"), Map.entry("dueDate", "办理期限"), Map.entry("urgeAt", "催办时间"),
      Map.entry("departmentChannel", "部门办理渠道"), Map.entry("departmentGroup", "承办部门用户组"),
      Map.entry("assignmentRound", "交办轮次"), Map.entry("lastEvaluationComment", "群众评价意见"),
      Map.entry("rating", "群众评价"), Map.entry("proposalDeclined", "代表建议未采纳"), Map.entry("triage", "分级分类结果"),
      Map.entry(OpinionLoopProcess.Var.DEPUTY, "代表码所属代表"),
      Map.entry(OpinionLoopProcess.Var.DEPUTY_RESPONSE_DUE, "代表答复期限"),
      Map.entry(SupervisionLight.VAR, SupervisionLight.LABEL), Map.entry(SupervisionLight.TEXT_VAR, "督办灯（显示）"),
      Map.entry(SupervisionLight.YELLOW_AT_VAR, "亮黄灯时间"), Map.entry(SupervisionLight.DUE_AT_VAR, "督办灯对应期限"));

  /** Values of the platform's own variables (not from a form's options). */
  static final Map<String, Map<String, String>> PLATFORM_VALUES = Map.of(
      "departmentChannel", Map.of("INBOX", "平台任务列表", "HTTP", "部门自有系统"));

  /** Variable name → label and variable name → (value → label). */
  public record Labels(Map<String, String> fields, Map<String, Map<String, String>> values) {}

  private final RepositoryService repository;
  private final Categories categories;
  private final ObjectMapper json = new ObjectMapper();
  private volatile Set<String> builtFrom = Set.of();
  private volatile Labels labels = new Labels(Map.of(), Map.of());

  public HistoryLabels(RepositoryService repository, Categories categories) {
    this.repository = repository;
    this.categories = categories;
  }

  public Labels labels() {
    List<ProcessDefinition> latest = repository.createProcessDefinitionQuery().latestVersion().list();
    Set<String> deployments = new TreeSet<>(latest.stream().map(ProcessDefinition::getDeploymentId).toList());
    if (!deployments.equals(builtFrom)) {
      synchronized (this) {
        if (!deployments.equals(builtFrom)) {
          labels = build(deployments);
          builtFrom = deployments;
        }
      }
    }
    return labels;
  }

  private Labels build(Set<String> deployments) {
    Map<String, String> fields = new LinkedHashMap<>();
    Map<String, Map<String, String>> values = new LinkedHashMap<>();
    for (String deployment : deployments) {
      for (Resource resource : repository.getDeploymentResources(deployment)) {
        if (resource.getName().endsWith(".form")) {
          try (InputStream in = repository.getResourceAsStream(deployment, resource.getName())) {
            collect(json.readTree(in), fields, values);
          } catch (IOException | RuntimeException e) {
            log.warn("form {} of deployment {} unreadable for the history's labels: {}", resource.getName(),
                deployment, e.toString());
          }
        }
      }
    }
    for (Rating r : Rating.values()) {
      values.computeIfAbsent("rating", k -> new LinkedHashMap<>()).putIfAbsent(r.name(), r.label());
    }
    PLATFORM_VARIABLES.forEach(fields::putIfAbsent);
    PLATFORM_VALUES.forEach((name, options) -> options.forEach((value, label) ->
        values.computeIfAbsent(name, k -> new LinkedHashMap<>()).putIfAbsent(value, label)));
    for (SupervisionLight light : SupervisionLight.values()) {
      values.computeIfAbsent(SupervisionLight.VAR, k -> new LinkedHashMap<>()).putIfAbsent(light.name(), light.label());
    }
    for (ReplyResult r : ReplyResult.values()) {
      values.computeIfAbsent("replyResult", k -> new LinkedHashMap<>()).putIfAbsent(r.name(), r.label());
    }
    for (Channel c : Channel.values()) {
      values.computeIfAbsent("channel", k -> new LinkedHashMap<>()).putIfAbsent(c.name(), c.label());
    }
    for (Categories.Category c : categories.findActive()) {
      values.computeIfAbsent("category", k -> new LinkedHashMap<>()).putIfAbsent(c.code(), c.name());
    }
    SAME_VALUES_AS.forEach((variable, field) -> {
      if (values.containsKey(field)) {
        values.computeIfAbsent(variable, k -> new LinkedHashMap<>()).putAll(values.get(field));
      }
    });
    values.replaceAll((k, v) -> Collections.unmodifiableMap(v));
    return new Labels(Collections.unmodifiableMap(fields), Collections.unmodifiableMap(values));
  }

  /** Walks a Camunda form's components (groups nest them): the first label of a key wins. */
  static void collect(JsonNode node, Map<String, String> fields, Map<String, Map<String, String>> values) {
    String key = node.path("key").asText("");
    if (!key.isEmpty()) {
      String label = node.path("label").asText("");
      if (!label.isEmpty()) {
        fields.putIfAbsent(key, label);
      }
      for (JsonNode option : node.path("values")) {
        String value = option.path("value").asText("");
        String optionLabel = option.path("label").asText("");
        if (!value.isEmpty() && !optionLabel.isEmpty()) {
          values.computeIfAbsent(key, k -> new LinkedHashMap<>()).putIfAbsent(value, optionLabel);
        }
      }
    }
    for (JsonNode child : node.path("components")) {
      collect(child, fields, values);
    }
  }
}
