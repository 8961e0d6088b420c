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
import java.util.Map;
import javax.imageio.ImageIO;
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
