package cn.liaison.platform.reception.web;

import cn.liaison.platform.reception.ReceptionService;
import cn.liaison.platform.station.Station;
import cn.liaison.platform.station.Stations;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The station's public announcement of its coming reception sessions (/stations/{code}/receptions): no phones. */
@Controller
class StationReceptionsPage {

  private final ReceptionService receptions;
  private final Stations stations;

  StationReceptionsPage(ReceptionService receptions, Stations stations) {
    this.receptions = receptions;
    this.stations = stations;
  }

  @GetMapping("/stations/{code}/receptions")
  String announcements(@PathVariable String code, Model model, HttpServletResponse response) {
    Station station = stations.findByCode(code).filter(Station::active).orElse(null);
    if (station == null) {
      response.setStatus(HttpStatus.NOT_FOUND.value());
      model.addAttribute("title", "未找到联络站");
      model.addAttribute("message", "联络站不存在或已停用。");
      return "citizen/not-found";
    }
    model.addAttribute("station", station);
    model.addAttribute("receptions", receptions.upcoming(station.code()));
    return "station/receptions";
  }
}
