package cn.liaison.platform.evidence;

import java.time.Instant;

/** A stored evidence photo of an item of another feature (subject kind and id); its bytes are read separately. */
public record EvidencePhoto(long id, String subjectKind, String subjectId, Stage stage, String contentType,
    int sizeBytes, String uploadedBy, Instant uploadedAt) {

  /** 整改前 or 整改后. */
  public enum Stage {
    BEFORE("整改前"), AFTER("整改后");

    private final String label;

    Stage(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
