package cn.liaison.platform.proposal;

import cn.liaison.platform.department.Department;
import cn.liaison.platform.department.Departments;
import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.identity.TasklistFilters;
import cn.liaison.platform.supervision.SupervisionLight;
import cn.liaison.platform.proposal.DeputyProposalProcess.Task;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Tasklist filters of the deputy proposal: 我的建议 for deputies (the proposals they lead or co-sign: 确认, 联名, 修改,
 * 评价 are assigned to them), 待交办建议 for the congress office (with 督办代表建议), 建议办理 for the departments.
 */
@Component
@Order(17)
class ProposalTasklistFilters implements ApplicationRunner {

  static final List<Map<String, String>> PROPOSAL_CARD = List.of(Map.of("name", "proposalNo", "label", "建议编号"),
      Map.of("name", "leadDeputyName", "label", "领衔代表"), SupervisionLight.CARD_VARIABLE);

  private final TasklistFilters filters;
  private final TaskService tasks;
  private final Departments departments;

  ProposalTasklistFilters(TasklistFilters filters, TaskService tasks, Departments departments) {
    this.filters = filters;
    this.tasks = tasks;
    this.departments = departments;
  }

  @Override
  public void run(ApplicationArguments args) {
    filters.ensure("我的建议", "我领衔或联名的代表建议：确认领衔、联名、修改建议、评价答复", -9, "#00695c",
        tasks.createTaskQuery().processDefinitionKey(DeputyProposalProcess.KEY)
            .taskAssigneeExpression("${currentUser()}").orderByDueDate().asc(),
        List.of(PlatformGroups.DEPUTIES), PROPOSAL_CARD);
    filters.ensure("待交办建议", "待审核、待交办、超期督办和不满意件办结的代表建议", -8, "#4527a0",
        tasks.createTaskQuery().processDefinitionKey(DeputyProposalProcess.KEY)
            .taskDefinitionKeyIn(Task.REVIEW, Task.ASSIGN, Task.SUPERVISE, Task.CLOSE_DISSATISFIED).orderByDueDate().asc(),
        List.of(PlatformGroups.CONGRESS_OFFICE), PROPOSAL_CARD);
    filters.ensure("建议办理", "交本单位主办、协办或分别办理的代表建议", -7, "#37474f",
        filters.mineOrMyGroups().processDefinitionKey(DeputyProposalProcess.KEY)
            .taskDefinitionKeyIn(Task.HANDLE, Task.ASSIST).orderByDueDate().asc(),
        departments.findAll().stream().map(Department::groupId).toList(), PROPOSAL_CARD);
  }
}
