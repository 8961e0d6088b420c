package cn.liaison.platform.evidence;

import cn.liaison.platform.evidence.EvidencePhoto.Stage;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.NotFoundException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Evidence photos of items of other features (a rectification problem, …): JPEG, PNG or HEIC, recognised by their
 * content (never by the file's name or declared type), at most liaison.evidence.max-bytes; JPEG and PNG are
 * re-encoded so that metadata such as the GPS position is dropped (setting strip-metadata). Who may add or see the
 * photos of an item is decided by the feature that owns the item, before it calls this service.
 */
@Service
public class EvidenceService {

  static final Set<String> HEIC_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1");

  /** What a photo is, by its first bytes; null for anything else (an executable renamed .jpg, a PDF …). */
  public enum Kind {
    JPEG("image/jpeg", "jpg"), PNG("image/png", "png"), HEIC("image/heic", "heic");

    final String contentType;
    final String format;

    Kind(String contentType, String format) {
      this.contentType = contentType;
      this.format = format;
    }

    public String contentType() {
      return contentType;
    }
  }

  private final EvidencePhotos photos;
  private final EvidenceProperties properties;
  private final Clock clock;

  EvidenceService(EvidencePhotos photos, EvidenceProperties properties, Clock clock) {
    this.photos = photos;
    this.properties = properties;
    this.clock = clock;
  }

  /** Stores the photo (the same picture twice is stored once) and returns it. */
  @Transactional
  public EvidencePhoto add(String subjectKind, String subjectId, String stage, byte[] bytes, String uploadedBy) {
    Stage s;
    try {
      s = stage == null || stage.isBlank() ? Stage.AFTER : Stage.valueOf(stage.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("stage", "照片类别只能是 BEFORE（整改前）或 AFTER（整改后）");
    }
    if (bytes == null || bytes.length == 0) {
      throw new InvalidInputException("file", "请选择要上传的照片");
    }
    if (bytes.length > properties.maxBytes()) {
      throw new InvalidInputException("file", "照片不能超过 " + properties.maxBytes() / 1024 / 1024 + " MB");
    }
    Kind kind = kindOf(bytes);
    if (kind == null) {
      throw new InvalidInputException("file", "只能上传 JPEG、PNG 或 HEIC 格式的照片（按文件内容识别，改扩展名无效）");
    }
    byte[] stored = kind == Kind.HEIC || !properties.stripMetadata() ? bytes : reencode(bytes, kind);
    String sha = sha256(stored);
    var existing = photos.bySha(subjectKind, subjectId, sha);
    if (existing.isPresent()) {
      return existing.get();
    }
    long id = photos.insert(subjectKind, subjectId, s, kind.contentType, stored, sha, uploadedBy, clock.instant());
    return photos.find(id).orElseThrow();
  }

  public List<EvidencePhoto> of(String subjectKind, String subjectId) {
    return photos.of(subjectKind, subjectId);
  }

  /** Photos per subject id (absent = none). */
  public Map<String, Integer> counts(String subjectKind, List<String> subjectIds) {
    return photos.counts(subjectKind, subjectIds);
  }

  /** The photo of that subject with its bytes; 404 for a photo of another subject. */
  public Map.Entry<EvidencePhoto, byte[]> read(String subjectKind, String subjectId, long id) {
    EvidencePhoto p = photos.find(id).filter(x -> x.subjectKind().equals(subjectKind)
        && x.subjectId().equals(subjectId)).orElseThrow(() -> new NotFoundException("照片不存在"));
    return Map.entry(p, photos.content(id));
  }

  /** The photo's kind by its magic bytes. */
  public static Kind kindOf(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
      return Kind.JPEG;
    }
    if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0D
        && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
      return Kind.PNG;
    }
    if (b.length >= 12 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p'
        && HEIC_BRANDS.contains(new String(b, 8, 4, StandardCharsets.US_ASCII))) {
      return Kind.HEIC;
    }
    return null;
  }

  /** Decodes and encodes the picture again: what is stored is pixels only, without EXIF, GPS or comments. */
  byte[] reencode(byte[] bytes, Kind kind) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      var readers = ImageIO.getImageReaders(in);
      if (in == null || !readers.hasNext()) {
        throw damaged();
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > properties.maxPixels()) {
          throw new InvalidInputException("file", "照片尺寸过大（超过 " + properties.maxPixels() / 1_000_000 + " 百万像素）");
        }
        BufferedImage image = reader.read(0);
        if (kind == Kind.JPEG && image.getColorModel().hasAlpha()) {
          BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
          rgb.getGraphics().drawImage(image, 0, 0, null);
          image = rgb;
        }
        var out = new ByteArrayOutputStream(bytes.length);
        if (!ImageIO.write(image, kind.format, out)) {
          throw damaged();
        }
        return out.toByteArray();
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidInputException invalid) {
        throw invalid;
      }
      throw damaged();
    }
  }

  private static InvalidInputException damaged() {
    return new InvalidInputException("file", "照片已损坏或无法识别，请重新拍摄后上传");
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
