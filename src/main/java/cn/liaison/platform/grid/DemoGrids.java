package cn.liaison.platform.grid;

import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo grids of 太平镇 (原阳县): one per village, each with a deputy of the 太平镇 mobile station responsible
 * (deputy5, its head, and deputy2, its deputy head). Runs after the identity seeder (order 10) created the deputies;
 * an existing grid is left as administrators changed it.
 */
@Component
@Order(26)
@ConditionalOnProperty(name = "liaison.demo.enabled", havingValue = "true")
class DemoGrids implements ApplicationRunner {

  static final List<Grid> GRIDS = List.of(
      new Grid("tp-taiping", "太平村网格", "太平镇", "deputy5"),
      new Grid("tp-dongzhuang", "东庄村网格", "太平镇", "deputy5"),
      new Grid("tp-xizhuang", "西庄村网格", "太平镇", "deputy5"),
      new Grid("tp-nanjie", "南街村网格", "太平镇", "deputy2"),
      new Grid("tp-beijie", "北街村网格", "太平镇", "deputy2"),
      new Grid("tp-hetan", "河滩村网格", "太平镇", "deputy2"));

  private final Grids grids;

  DemoGrids(Grids grids) {
    this.grids = grids;
  }

  @Override
  public void run(ApplicationArguments args) {
    for (Grid g : GRIDS) {
      if (!grids.exists(g.code())) {
        grids.save(g, "demo", java.time.Instant.now());
      }
    }
  }
}
