package cn.liaison.platform.notification;

import java.util.Objects;

/**
 * What a notification is about: a kind named by the feature that owns it ("opinion", "proposal", "problem", …)
 * and the item's id within that kind. The citizen's tracking page lists the notifications of its subject.
 */
public record Subject(String kind, String id) {

  public Subject {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    if (kind.isBlank() || kind.length() > 32 || id.isBlank() || id.length() > 64) {
      throw new IllegalArgumentException("subject kind (≤ 32) and id (≤ 64) must be given: " + kind + ":" + id);
    }
  }

  public static Subject of(String kind, long id) {
    return new Subject(kind, Long.toString(id));
  }
}
