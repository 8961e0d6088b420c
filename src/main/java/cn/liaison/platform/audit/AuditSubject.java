package cn.liaison.platform.audit;

/** What an audit row is about: a kind (shown in Chinese) and the record's reference (ticket, household no, code…). */
public record AuditSubject(Kind kind, String ref) {

  public enum Kind {
    OPINION("意见建议"), HOUSEHOLD("农户"), DEPARTMENT("承办部门"), DEPUTY("代表"), STATION("联络站"), GRID("网格"),
    CAMPAIGN("包户销号工作"), DEPLOYMENT("流程部署"), JOB("定时任务");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public static AuditSubject opinion(String ticketNo) {
    return new AuditSubject(Kind.OPINION, ticketNo);
  }

  /** A household is known to auditors by campaign and household number ("lz-2026/LZ-001"). */
  public static AuditSubject household(String campaignCode, String householdNo) {
    return new AuditSubject(Kind.HOUSEHOLD, campaignCode + "/" + householdNo);
  }

  public static AuditSubject department(String code) {
    return new AuditSubject(Kind.DEPARTMENT, code);
  }

  public static AuditSubject deputy(String userId) {
    return new AuditSubject(Kind.DEPUTY, userId);
  }

  public static AuditSubject station(String code) {
    return new AuditSubject(Kind.STATION, code);
  }

  public static AuditSubject grid(String code) {
    return new AuditSubject(Kind.GRID, code);
  }

  public static AuditSubject campaign(String code) {
    return new AuditSubject(Kind.CAMPAIGN, code);
  }

  public static AuditSubject deployment(String idOrName) {
    return new AuditSubject(Kind.DEPLOYMENT, idOrName);
  }

  public static AuditSubject job(String name) {
    return new AuditSubject(Kind.JOB, name);
  }
}
