package cn.liaison.platform.rectification;

import java.time.Instant;
import java.time.LocalDate;

/** The records of the rectification lists (一网四制): a drive, its tasks and their concrete problems. */
public final class Rectification {

  private Rectification() {}

  /** 整治行动: e.g. 群众身边不正之风和腐败问题集中整治 in 太平镇; its station's staff feed back and cross off. */
  public record Drive(long id, String code, String name, String town, String stationCode, LocalDate deadline) {}

  /** 整改任务: a responsible unit (department code) and a grid (whose deputy supervises). */
  public record Task(long id, long driveId, String taskNo, String title, String responsibleUnit, String gridCode,
      LocalDate deadline) {}

  /** 具体问题, run by process rectification-problem. */
  public record Problem(long id, String problemNo, long taskId, String description, Source source, String sourceRef,
      LocalDate foundOn, String responsiblePerson, LocalDate deadline, Status status, String measures,
      String progress, boolean rectified, String verification, String verificationNote, String verifiedBy,
      Instant verifiedAt, int failedVerifications, String feedback, Instant feedbackAt, String closedBy,
      Instant closedAt, Instant urgedAt, Instant escalatedAt, String processInstanceId) {}

  /** Where a problem was found. */
  public enum Source {
    RECEPTION("接待群众"), HOME_VISIT("入户走访"), OPINION("群众意见"), INSPECTION("督查检查");

    private final String label;

    Source(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** 处理中 → 待核验 → 待反馈 → 待销号 → 已销号. */
  public enum Status {
    HANDLING("整改中"), VERIFYING("待核验"), FEEDBACK("待反馈"), CLOSING("待销号"), CLOSED("已销号");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
