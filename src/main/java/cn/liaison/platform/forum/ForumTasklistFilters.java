package cn.liaison.platform.forum;

import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.identity.TasklistFilters;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** 座谈会邀请: a deputy's own open invitations to industry forums. */
@Component
@Order(17)
class ForumTasklistFilters implements ApplicationRunner {

  static final String INVITATIONS = "座谈会邀请";
  static final List<Map<String, String>> FORUM_CARD = List.of(Map.of("name", "forumNo", "label", "座谈会编号"),
      Map.of("name", "topic", "label", "主题"), Map.of("name", "startsAtText", "label", "时间"));

  private final TasklistFilters filters;
  private final TaskService tasks;

  ForumTasklistFilters(TasklistFilters filters, TaskService tasks) {
    this.filters = filters;
    this.tasks = tasks;
  }

  @Override
  public void run(ApplicationArguments args) {
    filters.ensure(INVITATIONS, "邀请我参加的产业代表座谈会：请答复是否参加", -8, "#6a1b9a",
        tasks.createTaskQuery().processDefinitionKey(ForumProcess.KEY)
            .taskDefinitionKey(ForumProcess.Task.REPLY_INVITATION).taskAssigneeExpression("${currentUser()}")
            .orderByDueDate().asc(),
        List.of(PlatformGroups.DEPUTIES), FORUM_CARD);
  }
}
