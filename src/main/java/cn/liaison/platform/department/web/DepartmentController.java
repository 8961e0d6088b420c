package cn.liaison.platform.department.web;

import cn.liaison.platform.department.Departments;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/departments")
@Tag(name = "承办部门", description = "部门目录")
class DepartmentController {

  private final Departments departments;

  DepartmentController(Departments departments) {
    this.departments = departments;
  }

  /** Public view of the directory: code and Chinese name of every active department. */
  @GetMapping
  @Operation(summary = "列出承办部门")
  List<DepartmentView> list() {
    return departments.findActive().stream().map(d -> new DepartmentView(d.code(), d.name())).toList();
  }

  record DepartmentView(String code, String name) {}
}
