package cn.liaison.platform.department;

import org.springframework.stereotype.Service;

/** Reaches each department on its configured channel, read at the moment of the call (new assignments only). */
@Service
class RoutingDepartmentService implements DepartmentService {

  private final Departments departments;
  private final InboxChannel inbox;
  private final HttpChannel http;

  RoutingDepartmentService(Departments departments, InboxChannel inbox, HttpChannel http) {
    this.departments = departments;
    this.inbox = inbox;
    this.http = http;
  }

  @Override
  public Department.Channel send(DepartmentRequest request) {
    Department department = departments.findByCode(request.departmentCode()).filter(Department::active)
        .orElseThrow(() -> DepartmentCallFailedException.permanent(
            "承办部门不存在或已停用：" + request.departmentCode()));
    (department.channel() == Department.Channel.HTTP ? http : inbox).send(department, request);
    return department.channel();
  }
}
