package cn.liaison.platform.department;

/** Published when a department is created or changed, so its Camunda group and grants can follow. */
public record DepartmentSaved(Department department) {}
