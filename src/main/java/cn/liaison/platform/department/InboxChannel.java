package cn.liaison.platform.department;

import cn.liaison.platform.notification.Notifier;
import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The platform's own department inbox: the department works the item as a Tasklist task of its group
 * (the process creates it); this records the hand-over (交办记录) once and tells the department's group.
 */
@Component
class InboxChannel implements DepartmentChannel {

  private final JdbcClient jdbc;
  private final Notifier notifier;

  private final java.time.Clock clock;

  InboxChannel(java.time.Clock clock, JdbcClient jdbc, Notifier notifier) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.notifier = notifier;
  }

  @Override
  public void send(Department department, DepartmentRequest request) {
    // one statement: the assignment is written unless this idempotency key was delivered before (a retried job)
    jdbc.sql("INSERT INTO department_assignment (idempotency_key, department_code, operation, reference, deadline, "
        + "assigned_at) SELECT ?, ?, ?, ?, CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP) FROM (VALUES (1)) one "
        + "WHERE NOT EXISTS (SELECT 1 FROM department_assignment WHERE idempotency_key = ?)")
        .params(request.idempotencyKey(), department.code(), request.operation(), request.reference(),
            request.deadline() == null ? null : Timestamp.from(request.deadline()),
            Timestamp.from(clock.instant()), request.idempotencyKey())
        .update();
    notifier.notifyGroup(department.groupId(), request.subject(),
        "assign:" + request.idempotencyKey(), "新交办事项 " + request.reference(),
        "请在任务列表中签收办理，办理时限见任务到期时间。");
  }
}
