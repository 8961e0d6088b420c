package cn.liaison.platform.campaign;

import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.identity.TasklistFilters;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** 我的包户: a deputy's own households, and 专家指导 for the agriculture bureau. */
@Component
@Order(16)
class CampaignTasklistFilters implements ApplicationRunner {

  static final List<Map<String, String>> HOUSEHOLD_CARD = List.of(Map.of("name", "householdNo", "label", "户编号"),
      Map.of("name", "village", "label", "村"), Map.of("name", "area", "label", "片区"));

  private final TasklistFilters filters;
  private final TaskService tasks;

  CampaignTasklistFilters(TasklistFilters filters, TaskService tasks) {
    this.filters = filters;
    this.tasks = tasks;
  }

  @Override
  public void run(ApplicationArguments args) {
    filters.ensure("我的包户", "我包保的农户：入户动员、签订协议、种植确认", -9, "#2e7d32",
        tasks.createTaskQuery().processDefinitionKey(CampaignProcess.HOUSEHOLD_KEY)
            .taskAssigneeExpression("${currentUser()}"),
        List.of(PlatformGroups.DEPUTIES), HOUSEHOLD_CARD);
    filters.ensure("专家指导", "不愿改种农户的现场指导和培训", -6, "#558b2f",
        tasks.createTaskQuery().processDefinitionKey(CampaignProcess.HOUSEHOLD_KEY)
            .taskDefinitionKey(CampaignProcess.Task.RECORD_GUIDANCE),
        List.of("dept-agriculture"), HOUSEHOLD_CARD);
  }
}
