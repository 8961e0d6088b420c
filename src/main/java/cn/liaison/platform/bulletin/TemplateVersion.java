package cn.liaison.platform.bulletin;

import java.time.Instant;

/** A part's wording as saved, by whom and when; version 0 (no savedBy) is the default shipped in the application. */
public record TemplateVersion(BulletinPart part, int version, String body, String savedBy, Instant savedAt) {

  public boolean isDefault() {
    return version == 0;
  }
}
