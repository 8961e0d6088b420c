package cn.liaison.platform.department;

/** One way of reaching a department. */
interface DepartmentChannel {

  void send(Department department, DepartmentRequest request);
}
