package cn.liaison.platform.station;

import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The stations of the 2024 Henan bulletin, as demo data. Existing stations are left as they are. Runs before the
 * identity seeder (order 10), so that the demo staff join their stations' staff groups on the first start. The
 * deputies stationed there, with their roles (站长, 副站长, 驻站代表), come with the demo deputies (deputy feature).
 */
@Component
@Order(5)
@ConditionalOnProperty(name = "liaison.demo.enabled", havingValue = "true")
class DemoStations implements ApplicationRunner {

  static final List<Station> STATIONS = List.of(
      new Station("cy-anticorrosion", "长垣市防腐产业代表联络站", Station.Kind.INDUSTRY, "长垣市", null,
          "长垣市防腐产业园区", true, List.of()),
      new Station("cy-crane", "长垣市起重产业代表联络站", Station.Kind.INDUSTRY, "长垣市", null,
          "长垣市起重产业集聚区", true, List.of()),
      new Station("yy-taiping-mobile", "太平镇流动联络站", Station.Kind.MOBILE, "原阳县", "太平镇",
          "田间地头、秸秆禁烧卡点、群众家门口", true, List.of()),
      new Station("yy-luzhai-rice", "路寨镇产业代表联络站", Station.Kind.INDUSTRY, "原阳县", "路寨镇",
          "路寨镇人大代表之家", true, List.of()));

  private final Stations stations;

  DemoStations(Stations stations) {
    this.stations = stations;
  }

  @Override
  public void run(ApplicationArguments args) {
    for (int i = 0; i < STATIONS.size(); i++) {
      if (!stations.exists(STATIONS.get(i).code())) {
        stations.save(STATIONS.get(i), (i + 1) * 10);
      }
    }
  }
}
