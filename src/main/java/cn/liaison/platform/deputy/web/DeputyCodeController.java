package cn.liaison.platform.deputy.web;

import cn.liaison.platform.deputy.Deputy;
import cn.liaison.platform.deputy.DeputyDirectory;
import cn.liaison.platform.station.QrCodes;
import cn.liaison.platform.system.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.UriUtils;

/**
 * 代表码, public like the stations' signboards: a deputy's QR code (PNG, SVG) pointing at the deputy's own page
 * {@code {public-base-url}/d/{code}}, and a printable card (名片, 90 × 54 mm) or A4 poster. An unknown code is a 404
 * that says nothing about which codes exist.
 */
@Controller
@Tag(name = "代表码", description = "人大代表的二维码与名片（公开）：扫码进入代表本人的意见建议提交页")
class DeputyCodeController {

  static final String UNKNOWN = "未找到该人大代表。请扫描代表名片或联络站张贴的二维码。";
  static final String INSTRUCTION = "微信或手机扫码，把您的意见建议直接告诉我";

  /** What the card shows: no phone, no user id. */
  record CardView(String name, String levelLabel, String sector, String stations, String submissionUrl, String qrSvg) {}

  private final DeputyDirectory directory;
  private final QrCodes qrCodes;
  private final String publicBaseUrl;

  DeputyCodeController(DeputyDirectory directory, QrCodes qrCodes,
      @Value("${liaison.public-base-url:http://localhost:8080}") String publicBaseUrl) {
    this.directory = directory;
    this.qrCodes = qrCodes;
    this.publicBaseUrl = publicBaseUrl.endsWith("/")
        ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
  }

  String pageUrl(String code) {
    return publicBaseUrl + "/d/" + UriUtils.encodePathSegment(code, StandardCharsets.UTF_8);
  }

  @GetMapping("/api/deputies/{deputyCode}/qr.svg")
  @ResponseBody
  @Operation(summary = "代表码二维码（SVG）", description = "指向代表本人的意见建议提交页 /d/{代表码}；代表码不存在时返回 404。")
  ResponseEntity<String> qrSvg(@PathVariable String deputyCode) {
    return qrCodes.svgImage(pageUrl(deputy(deputyCode)));
  }

  @GetMapping("/api/deputies/{deputyCode}/qr.png")
  @ResponseBody
  @Operation(summary = "代表码二维码（PNG）", description = "size：边长像素，128 至 2048，默认 512。")
  ResponseEntity<byte[]> qrPng(@PathVariable String deputyCode, @RequestParam(required = false) String size) {
    return qrCodes.pngImage(pageUrl(deputy(deputyCode)), size);
  }

  /** The printable card: 名片 (default) or, with ?format=poster, an A4 poster. */
  @GetMapping("/d/{deputyCode}/card")
  String card(@PathVariable String deputyCode, @RequestParam(required = false) String format, Model model,
      HttpServletResponse response) {
    Deputy d = directory.findByPublicCode(deputyCode).orElse(null);
    if (d == null) {
      response.setStatus(HttpStatus.NOT_FOUND.value());
      model.addAttribute("title", "未找到人大代表");
      model.addAttribute("message", UNKNOWN);
      return "citizen/not-found";
    }
    String url = pageUrl(deputyCode);
    model.addAttribute("d", new CardView(d.name(), d.level().label(), d.sector(), d.stationsLine(), url, qrCodes.svg(url)));
    model.addAttribute("code", deputyCode);
    model.addAttribute("poster", "poster".equals(format));
    model.addAttribute("instruction", INSTRUCTION);
    return "deputy/card";
  }


  private String deputy(String code) {
    return directory.findByPublicCode(code).map(d -> code).orElseThrow(() -> new NotFoundException(UNKNOWN));
  }



}
