package cn.liaison.platform.project;

import java.time.Instant;
import java.time.LocalDate;

/** A supervised project (项目督查) of a town, its milestones and the deputies' inspections. */
public record Project(long id, String code, String name, Kind kind, String town, String stationCode,
    String department, String contractor, LocalDate startsOn, LocalDate endsOn, String driveCode, String taskNo,
    Status status, String acceptanceOpinion, String acceptedBy, Instant acceptedAt) {

  public enum Kind {
    HIGH_STANDARD_FARMLAND("高标准农田"), IRRIGATION("水利工程"), ROAD("道路建设"), OTHER("其他项目");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public enum Status {
    SUPERVISING("督查中"), ACCEPTING("待验收"), CLOSED("已验收");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** A milestone's state: 未到期, 待检查, then the inspection's finding. */
  public enum MilestoneStatus {
    PENDING("未到期"), DUE("待检查"), ON_TRACK("按期推进"), DELAYED("进度滞后"), PROBLEM("发现问题");

    private final String label;

    MilestoneStatus(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public record Milestone(long id, long projectId, int seq, String name, LocalDate due, MilestoneStatus status) {}

  public record Inspection(long id, String inspectionNo, long milestoneId, LocalDate inspectedOn, String findings,
      MilestoneStatus milestoneStatus, int farmersVisited, String farmersSaid, String inspectedBy) {}
}
