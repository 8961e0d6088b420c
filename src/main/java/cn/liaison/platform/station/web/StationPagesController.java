package cn.liaison.platform.station.web;

import cn.liaison.platform.station.QrCodes;
import cn.liaison.platform.station.Station;
import cn.liaison.platform.station.Stations;
import cn.liaison.platform.system.DisplayNames;
import cn.liaison.platform.system.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * 码上见代表 for the stations: each station's QR code (PNG and SVG) pointing at its submission page
 * {@code {public-base-url}/s/{code}}, a printable A4 signboard and an index of the stations for staff.
 */
@Controller
class StationPagesController {

  static final String INSTRUCTION = "微信或手机扫码，把您的意见建议直接告诉人大代表";
  static final String UNKNOWN_STATION = "联络站不存在或已停用。";

  /** What the signboard says about a deputy: the display name only. */
  record DeputyView(String name) {}

  private final Stations stations;
  private final QrCodes qrCodes;
  private final IdentityService identity;
  private final String publicBaseUrl;

  StationPagesController(Stations stations, QrCodes qrCodes, IdentityService identity,
      @Value("${liaison.public-base-url:http://localhost:8080}") String publicBaseUrl) {
    this.stations = stations;
    this.qrCodes = qrCodes;
    this.identity = identity;
    this.publicBaseUrl = publicBaseUrl.endsWith("/")
        ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
  }

  /** The address a station's QR code opens: its submission page. */
  String submissionUrl(Station station) {
    return publicBaseUrl + "/s/" + UriUtils.encodePathSegment(station.code(), StandardCharsets.UTF_8);
  }

  @GetMapping("/stations/{code}/qr.png")
  ResponseEntity<byte[]> qrPng(@PathVariable String code, @RequestParam(required = false) String size) {
    return qrCodes.pngImage(submissionUrl(station(code)), size);
  }

  @GetMapping("/stations/{code}/qr.svg")
  ResponseEntity<String> qrSvg(@PathVariable String code) {
    return qrCodes.svgImage(submissionUrl(station(code)));
  }

  @GetMapping("/stations/{code}/signboard")
  String signboard(@PathVariable String code, @RequestParam(required = false) String workbench, Model model,
      HttpServletResponse response) {
    Station station = stations.findByCode(code).filter(Station::active).orElse(null);
    if (station == null) {
      response.setStatus(HttpStatus.NOT_FOUND.value());
      model.addAttribute("title", "未找到联络站");
      model.addAttribute("message", UNKNOWN_STATION);
      return "citizen/not-found";
    }
    String url = submissionUrl(station);
    model.addAttribute("station", station);
    model.addAttribute("qrSvg", qrCodes.svg(url));
    model.addAttribute("submissionUrl", url);
    model.addAttribute("instruction", INSTRUCTION);
    model.addAttribute("deputies", deputies(station));
    // ?workbench: a second, smaller code for the deputies and staff: 代表工作台 (/m, the phone workbench)
    String workbenchUrl = publicBaseUrl + "/m/";
    model.addAttribute("workbench", workbench != null);
    model.addAttribute("workbenchUrl", workbenchUrl);
    model.addAttribute("workbenchQrSvg", workbench != null ? qrCodes.svg(workbenchUrl) : null);
    return "station/signboard";
  }

  @GetMapping("/stations")
  String index(Model model) {
    model.addAttribute("stations", stations.findActive());
    model.addAttribute("baseUrl", publicBaseUrl);
    return "station/index";
  }

  private Station station(String code) {
    return stations.findByCode(code).filter(Station::active)
        .orElseThrow(() -> new NotFoundException(UNKNOWN_STATION));
  }

  /** The deputies' display names (family name first, as in Chinese); unknown user ids are left out. */
  private List<DeputyView> deputies(Station station) {
    return station.deputies().stream()
        .map(id -> identity.createUserQuery().userId(id).singleResult())
        .filter(Objects::nonNull)
        .map(DisplayNames::of)
        .filter(name -> !name.isBlank())
        .map(DeputyView::new)
        .toList();
  }



}
