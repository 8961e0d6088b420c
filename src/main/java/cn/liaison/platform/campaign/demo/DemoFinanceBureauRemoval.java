package cn.liaison.platform.campaign.demo;

import cn.liaison.platform.department.Department;
import cn.liaison.platform.department.DepartmentDirectory;
import cn.liaison.platform.department.Departments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Without the demo's finance bureau (demo data off, or its switch off), a database that ran the demo before must
 * not keep dept-finance pointed at the bureau's endpoint, which no longer exists: every batch would end as an
 * incident. Such a registration goes back to the Tasklist inbox (and the 一卡通 workbook), audited and logged, as
 * demo users are removed when demo data is turned off.
 */
@Component
@ConditionalOnExpression("!(${liaison.demo.enabled:false} and ${liaison.demo.finance-bureau.enabled:true})")
class DemoFinanceBureauRemoval {

  private static final Logger log = LoggerFactory.getLogger(DemoFinanceBureauRemoval.class);

  private final DepartmentDirectory directory;
  private final Departments departments;

  DemoFinanceBureauRemoval(DepartmentDirectory directory, Departments departments) {
    this.directory = directory;
    this.departments = departments;
  }

  @EventListener(ApplicationReadyEvent.class)
  void removeTheDemoBureau() {
    Department finance = departments.findByCode(DemoFinanceBureau.FINANCE).orElse(null);
    if (finance == null || finance.channel() != Department.Channel.HTTP || finance.endpoint() == null
        || !finance.endpoint().endsWith(DemoFinanceBureau.PATH)) {
      return;
    }
    directory.save(finance.code(), new DepartmentDirectory.Change(finance.name(), finance.groupId(),
        Department.Channel.INBOX.name(), null, finance.timeoutMillis(), null, finance.active()));
    log.warn("县财政局（dept-finance）曾对接演示用的模拟财政支付系统（{}），该系统现已关闭：已改回在任务列表办理（INBOX）",
        finance.endpoint());
  }
}
