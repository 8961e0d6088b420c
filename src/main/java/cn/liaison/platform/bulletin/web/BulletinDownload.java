package cn.liaison.platform.bulletin.web;

import cn.liaison.platform.bulletin.Bulletin;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriUtils;

/** The .docx answer of the API and the page: Word's content type and the Chinese file name (RFC 6266/5987). */
final class BulletinDownload {

  static final MediaType DOCX = MediaType.parseMediaType(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

  private BulletinDownload() {}

  static ResponseEntity<byte[]> of(Bulletin bulletin, byte[] docx) {
    // an ASCII name for old clients, the Chinese one as filename* (UTF-8, percent-encoded)
    String ascii = "bulletin-" + bulletin.issueNo() + "-" + bulletin.from() + "-" + bulletin.to() + ".docx";
    String disposition = "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
        + UriUtils.encode(bulletin.fileName(), StandardCharsets.UTF_8);
    return ResponseEntity.ok().contentType(DOCX).header(HttpHeaders.CONTENT_DISPOSITION, disposition)
        .header(HttpHeaders.CACHE_CONTROL, "private, no-store").body(docx);
  }
}
