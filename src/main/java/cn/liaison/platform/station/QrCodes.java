package cn.liaison.platform.station;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.imageio.ImageIO;
import cn.liaison.platform.system.InvalidInputException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * QR codes of the stations' signboards (码上见代表): error correction M, UTF-8, a quiet zone of four modules.
 * PNG is drawn from zxing's module matrix without AWT windows (works headless); SVG is one path of the
 * dark modules, so it prints sharp at any size.
 */
@Component
public class QrCodes {

  /** Modules of white around the code, as ISO/IEC 18004 asks. */
  static final int QUIET_ZONE = 4;

  /** Side of a downloaded PNG in pixels: default and the range a caller may ask for (?size=). */
  public static final int DEFAULT_SIZE = 512;
  public static final int MIN_SIZE = 128;
  public static final int MAX_SIZE = 2048;

  private static final Map<EncodeHintType, Object> HINTS = Map.of(
      EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
      EncodeHintType.CHARACTER_SET, "UTF-8",
      EncodeHintType.MARGIN, 0);

  /**
   * A square PNG of size × size pixels (larger when size is too small for one pixel per module). Every module
   * is the same whole number of pixels; what is left over is white around the quiet zone.
   */
  public byte[] png(String text, int size) {
    BitMatrix modules = modules(text);
    int n = modules.getWidth();
    int total = n + 2 * QUIET_ZONE;
    int scale = Math.max(1, size / total);
    int side = Math.max(size, total * scale);
    int offset = (side - n * scale) / 2;
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_BINARY);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, side, side);
      g.setColor(Color.BLACK);
      for (int my = 0; my < n; my++) {
        for (int mx = 0; mx < n; mx++) {
          if (modules.get(mx, my)) {
            g.fillRect(offset + mx * scale, offset + my * scale, scale, scale);
          }
        }
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("no PNG writer available");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * An SVG document (without XML declaration, so it can also be inlined in HTML): a white square with the
   * quiet zone and a single path of the dark modules, one unit per module.
   */
  public String svg(String text) {
    BitMatrix modules = modules(text);
    int n = modules.getWidth();
    int total = n + 2 * QUIET_ZONE;
    StringBuilder d = new StringBuilder(n * n);
    for (int y = 0; y < n; y++) {
      int x = 0;
      while (x < n) {
        if (!modules.get(x, y)) {
          x++;
          continue;
        }
        int start = x;
        while (x < n && modules.get(x, y)) {
          x++;
        }
        int run = x - start;
        d.append('M').append(start + QUIET_ZONE).append(' ').append(y + QUIET_ZONE)
            .append('h').append(run).append("v1h-").append(run).append('z');
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + total + " " + total + "\""
        + " shape-rendering=\"crispEdges\">"
        + "<rect width=\"" + total + "\" height=\"" + total + "\" fill=\"#fff\"/>"
        + "<path fill=\"#000\" d=\"" + d + "\"/></svg>";
  }

  /** The QR symbol's modules, without margin. */
  /**
   * The answer for a QR code image of {@code text} as PNG, {@code size} as the caller gave it (blank: the default;
   * otherwise a whole number of pixels in range, else a field error): cached a day, with an ETag, since the image only
   * changes with the text.
   */
  public ResponseEntity<byte[]> pngImage(String text, String size) {
    int pixels = pixels(size);
    return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(imageCache())
        .eTag(etag("png|" + pixels + "|" + text)).header("X-Content-Type-Options", "nosniff")
        .body(png(text, pixels));
  }

  /** The answer for a QR code image of {@code text} as SVG (no scripts: a style-only content policy). */
  public ResponseEntity<String> svgImage(String text) {
    return ResponseEntity.ok().contentType(new MediaType("image", "svg+xml", StandardCharsets.UTF_8))
        .cacheControl(imageCache()).eTag(etag("svg|" + text)).header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
        .body(svg(text));
  }

  static int pixels(String size) {
    if (size == null || size.isBlank()) {
      return DEFAULT_SIZE;
    }
    try {
      int pixels = Integer.parseInt(size.strip());
      if (pixels >= MIN_SIZE && pixels <= MAX_SIZE) {
        return pixels;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new InvalidInputException("size", "图片尺寸应为 " + MIN_SIZE + " 到 " + MAX_SIZE + " 之间的整数（像素）");
  }

  private static CacheControl imageCache() {
    return CacheControl.maxAge(Duration.ofDays(1)).cachePublic();
  }

  private static String etag(String content) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
      return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BitMatrix modules(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("QR text is empty");
    }
    try {
      return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, HINTS);
    } catch (WriterException e) {
      throw new IllegalArgumentException("text does not fit in a QR code", e);
    }
  }
}
