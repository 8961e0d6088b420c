package cn.liaison.platform.audit;

/** What an audit row records; the label is what auditors read. */
public enum AuditAction {
  CONTACT_VIEWED("查看联系方式"),
  DEPARTMENT_SAVED("修改承办部门目录"),
  DEPUTY_SAVED("修改代表资料"),
  STATION_SAVED("修改联络站"),
  GRID_SAVED("修改人大网格"),
  CAMPAIGN_CREATED("创建包户销号工作"),
  CAMPAIGN_STARTED("启动包户销号工作"),
  LEDGER_IMPORTED("导入工作台账"),
  HOUSEHOLD_DEPUTY_CHANGED("调整包保代表"),
  DEPLOYMENT("部署流程模型"),
  OPINION_ERASED("删除群众个人信息"),
  RETENTION_RUN("到期清除个人信息"),
  SUBSIDY_HELD_BACK("暂缓发放补贴"),
  SUBSIDY_RELEASED("恢复发放补贴"),
  SUBSIDY_AMOUNT_ADJUSTED("调整补贴金额"),
  SUBSIDY_RESULTS_RECORDED("登记补贴发放结果"),
  SUBSIDY_WRITTEN_OFF("补贴不予发放"),
  PAYMENT_ACCOUNT_CORRECTED("更正补贴发放账户"),
  PAYMENT_WORKBOOK_EXPORTED("导出一卡通发放表");

  private final String label;

  AuditAction(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
