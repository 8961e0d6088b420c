package cn.liaison.platform.department.web;

import cn.liaison.platform.department.Department;
import cn.liaison.platform.department.DepartmentDirectory;
import cn.liaison.platform.department.Departments;
import cn.liaison.platform.system.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Administrators keep the department directory: /api/admin/** is for group camunda-admin only. */
@RestController
@Tag(name = "部门目录管理", description = "仅管理员（camunda-admin）可用")
@SecurityRequirement(name = "basic")
class DepartmentAdminController {

  private final Departments departments;
  private final DepartmentDirectory directory;

  DepartmentAdminController(Departments departments, DepartmentDirectory directory) {
    this.departments = departments;
    this.directory = directory;
  }

  /** The directory as administrators see it; the secret is never returned, only whether one is set. */
  record AdminView(String code, String name, String group, String channel, String endpoint, int timeoutMillis,
      boolean active, boolean hasSecret) {
    static AdminView of(Department d) {
      return new AdminView(d.code(), d.name(), d.groupId(), d.channel().name(), d.endpoint(), d.timeoutMillis(),
          d.active(), d.hasSecret());
    }
  }

  @GetMapping("/api/admin/departments")
  @Operation(summary = "部门目录（含对接设置）")
  List<AdminView> list() {
    return departments.findAll().stream().map(AdminView::of).toList();
  }

  @GetMapping("/api/admin/departments/{code}")
  @Operation(summary = "查看一个部门")
  AdminView get(@PathVariable String code) {
    return departments.findByCode(code).map(AdminView::of).orElseThrow(() -> new NotFoundException("部门不存在：" + code));
  }

  @PutMapping("/api/admin/departments/{code}")
  @Operation(summary = "新增或修改部门", description = "channel: INBOX（在任务列表办理）或 HTTP（部门自有系统，须 endpoint 和 secret）。"
      + "secret 只写不读，不传则保留原值。修改渠道只影响此后的新交办事项。")
  AdminView save(@PathVariable String code, @RequestBody DepartmentDirectory.Change change) {
    return AdminView.of(directory.save(code, change));
  }
}
