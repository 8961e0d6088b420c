package cn.liaison.platform.station.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PlatformTest;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * 码上见代表 at the station: the QR code on the signboard must open the station's own submission page at
 * the configured public address, scanned from the PNG or printed from the SVG; the signboard names the
 * station and its deputies and tells people what happens with their data.
 */
@PlatformTest
class StationPagesTests {

  static final String CRANE_PAGE = "https://rd.changyuan.example.cn/s/cy-crane";

  @Autowired TestRestTemplate http;

  @Test
  void scanningThePngOpensTheStationsSubmissionPage() throws Exception {
    ResponseEntity<byte[]> png = http.getForEntity("/stations/cy-crane/qr.png?size=300", byte[].class);

    assertThat(png.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(png.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_PNG);
    assertThat(png.getHeaders().getCacheControl()).contains("max-age=86400").contains("public");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.getBody()));
    assertThat(image.getWidth()).isEqualTo(300);
    assertThat(image.getHeight()).isEqualTo(300);
    assertThat(decode(image)).isEqualTo(CRANE_PAGE);
  }

  @Test
  void pngHasADefaultSizeAndRefusesAbsurdOnes() throws Exception {
    ResponseEntity<byte[]> png = http.getForEntity("/stations/yy-luzhai-rice/qr.png", byte[].class);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.getBody()));
    assertThat(image.getWidth()).isEqualTo(512);
    assertThat(decode(image)).isEqualTo("https://rd.changyuan.example.cn/s/yy-luzhai-rice");

    for (String size : List.of("64", "4096", "big")) {
      ResponseEntity<String> refused = http.getForEntity("/stations/cy-crane/qr.png?size=" + size, String.class);
      assertThat(refused.getStatusCode()).as("size=" + size).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getBody()).contains("128 到 2048");
    }
  }

  @Test
  void aBrowserThatHasTheQrCodeGetsNotModified() {
    ResponseEntity<byte[]> first = http.getForEntity("/stations/cy-crane/qr.png", byte[].class);
    String etag = first.getHeaders().getETag();
    assertThat(etag).isNotBlank();

    HttpHeaders headers = new HttpHeaders();
    headers.setIfNoneMatch(etag);
    ResponseEntity<byte[]> again = http.exchange("/stations/cy-crane/qr.png", HttpMethod.GET,
        new HttpEntity<>(headers), byte[].class);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
  }

  @Test
  void svgIsOnePathOfDarkModulesThatScansToo() throws Exception {
    ResponseEntity<String> svg = http.getForEntity("/stations/cy-crane/qr.svg", String.class);

    assertThat(svg.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(svg.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("image/svg+xml")))
        .isTrue();
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document doc = factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBody().getBytes(StandardCharsets.UTF_8)));
    Element root = doc.getDocumentElement();
    assertThat(root.getLocalName()).isEqualTo("svg");
    assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
    assertThat(doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path").getLength()).isEqualTo(1);
    Element path = (Element) doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path").item(0);

    // draw the path as a printer would and scan it
    String[] viewBox = root.getAttribute("viewBox").split(" ");
    assertThat(decode(rasterise(path.getAttribute("d"), Integer.parseInt(viewBox[2]), 8))).isEqualTo(CRANE_PAGE);
  }

  @Test
  void unknownStationHasNoQrCodeAndNoSignboard() {
    ResponseEntity<String> png = http.getForEntity("/stations/no-such-station/qr.png", String.class);
    assertThat(png.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(png.getBody()).contains("联络站不存在或已停用");
    assertThat(http.getForEntity("/stations/no-such-station/qr.svg", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    ResponseEntity<String> signboard = http.getForEntity("/stations/no-such-station/signboard", String.class);
    assertThat(signboard.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(signboard.getBody()).contains("未找到联络站");
  }

  @Test
  void signboardNamesTheStationItsDeputiesAndThePrivacyRules() {
    ResponseEntity<String> page = http.getForEntity("/stations/cy-crane/signboard", String.class);

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    String html = page.getBody();
    assertThat(html).contains("<html lang=\"zh-CN\"")
        .contains("长垣市起重产业代表联络站")
        .contains("产业站")
        .contains("微信或手机扫码，把您的意见建议直接告诉人大代表")
        .contains(CRANE_PAGE)
        .contains("<svg").contains("<path")
        // deputy1 and deputy2: family name first
        .contains("张志强").contains("刘秀英")
        .contains("自愿留下的姓名和手机号").contains("不对外公开").contains("手机号隐去中间四位")
        .contains("/css/citizen.css").doesNotContain("deputy1");
    assertThat(http.getForEntity("/css/citizen.css", String.class).getBody()).contains("@media print")
        .contains("size: A4");
  }

  @Test
  void stationsIndexLinksEveryStationsSignboardAndQrCode() {
    ResponseEntity<String> page = http.getForEntity("/stations", String.class);

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    for (String code : List.of("cy-anticorrosion", "cy-crane", "yy-taiping-mobile", "yy-luzhai-rice")) {
      assertThat(page.getBody()).contains("/stations/" + code + "/signboard").contains("/stations/" + code + "/qr.svg");
    }
    assertThat(page.getBody()).contains("太平镇流动联络站").contains("流动站");
  }

  // ---- scanning ------------------------------------------------------------------------------------------------

  static String decode(BufferedImage image) throws Exception {
    return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new ImageLuminance(image))),
        Map.of(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE), DecodeHintType.PURE_BARCODE,
            Boolean.FALSE)).getText();
  }

  /** Paints the path "M x y h n v1 h-n z ..." (one unit per module) black on white, scale pixels a unit. */
  static BufferedImage rasterise(String d, int units, int scale) {
    BufferedImage image = new BufferedImage(units * scale, units * scale, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, 0xFFFFFF);
      }
    }
    Matcher m = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z").matcher(d);
    int end = 0;
    while (m.find()) {
      assertThat(m.start()).as("path is made of module runs only").isEqualTo(end);
      end = m.end();
      int x0 = Integer.parseInt(m.group(1));
      int y0 = Integer.parseInt(m.group(2));
      int run = Integer.parseInt(m.group(3));
      for (int y = y0 * scale; y < (y0 + 1) * scale; y++) {
        for (int x = x0 * scale; x < (x0 + run) * scale; x++) {
          image.setRGB(x, y, 0x000000);
        }
      }
    }
    assertThat(end).isEqualTo(d.length());
    return image;
  }

  /** zxing core has no BufferedImage source (that is in javase): luminance of each pixel. */
  static final class ImageLuminance extends LuminanceSource {

    private final byte[] luminance;

    ImageLuminance(BufferedImage image) {
      super(image.getWidth(), image.getHeight());
      luminance = new byte[image.getWidth() * image.getHeight()];
      for (int y = 0; y < image.getHeight(); y++) {
        for (int x = 0; x < image.getWidth(); x++) {
          int rgb = image.getRGB(x, y);
          int r = (rgb >> 16) & 0xFF;
          int g = (rgb >> 8) & 0xFF;
          int b = rgb & 0xFF;
          luminance[y * image.getWidth() + x] = (byte) ((r * 299 + g * 587 + b * 114) / 1000);
        }
      }
    }

    @Override
    public byte[] getRow(int y, byte[] row) {
      if (row == null || row.length < getWidth()) {
        row = new byte[getWidth()];
      }
      System.arraycopy(luminance, y * getWidth(), row, 0, getWidth());
      return row;
    }

    @Override
    public byte[] getMatrix() {
      return luminance;
    }
  }
}
