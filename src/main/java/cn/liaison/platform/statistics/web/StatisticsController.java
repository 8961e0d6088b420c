package cn.liaison.platform.statistics.web;

import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.statistics.Statistics;
import cn.liaison.platform.statistics.StatisticsAccess;
import cn.liaison.platform.statistics.StatisticsDetails;
import cn.liaison.platform.statistics.StatisticsService;
import cn.liaison.platform.system.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The figures of a period (统计), for the dashboard, the bulletin and anyone who reads them with a script. */
@RestController
@PreAuthorize(StatisticsController.READERS)
class StatisticsController {

  private static final String G = "GROUP_";

  /** Station staff (checked per station below), analysts, supervisors, auditors, the congress office, admins. */
  static final String READERS = "hasAnyAuthority('" + G + PlatformGroups.STATION_STAFF + "','" + G
      + PlatformGroups.ANALYSTS + "','" + G + PlatformGroups.SUPERVISORS + "','" + G + PlatformGroups.AUDITORS
      + "','" + G + PlatformGroups.CONGRESS_OFFICE + "','" + G + PlatformGroups.ADMIN + "')";

  private final StatisticsService statistics;
  private final StatisticsDetails details;
  private final StatisticsAccess access;

  StatisticsController(StatisticsService statistics, StatisticsDetails details, StatisticsAccess access) {
    this.statistics = statistics;
    this.details = details;
    this.access = access;
  }

  @GetMapping("/api/statistics")
  @Operation(summary = "一段时间的统计数据（意见建议、三率、部门排名、代表建议、座谈会、流动接待、整改、项目督查、改种进度）",
      description = "from、to：yyyy-MM-dd，含首尾两日，最长 5 年；station：联络站编码，或 town：乡镇（二选一，都不填为"
          + "可查看的全部联络站）。联络站工作人员只能查询本站。比率为 0–1 的小数，分母为 0 时为 null。"
          + "各项口径见 README「统计与驾驶舱」。")
  Statistics figures(@Parameter(description = "开始日期 yyyy-MM-dd") @RequestParam(required = false) String from,
      @Parameter(description = "结束日期 yyyy-MM-dd（含）") @RequestParam(required = false) String to,
      @RequestParam(required = false) String station, @RequestParam(required = false) String town,
      Authentication user) {
    StatisticsAccess.Scope scope = access.scope(from, to, station, town, groups(user));
    return statistics.figures(scope.period(), scope.stations());
  }

  @GetMapping("/api/statistics/trend")
  @Operation(summary = "按月的意见建议数与三率", description = "参数与 /api/statistics 相同；每月按提交日期统计。")
  List<StatisticsDetails.Month> trend(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String station,
      @RequestParam(required = false) String town, Authentication user) {
    StatisticsAccess.Scope scope = access.scope(from, to, station, town, groups(user));
    return details.trend(scope.period().from(), scope.period().to(), scope.stations());
  }

  @GetMapping("/api/statistics/campaigns/{code}")
  @Operation(summary = "改种工作进度：各村、各包保代表的农户按状态")
  StatisticsDetails.CampaignDetail campaign(@PathVariable String code, Authentication user) {
    String town = details.campaignTown(code);
    if (town == null) {
      throw new NotFoundException("改种工作不存在：" + code);
    }
    access.requireCampaignReader(town, groups(user));
    return details.campaign(code);
  }

  @GetMapping("/api/statistics/names")
  @Operation(summary = "统计中各编码的中文名称（联络站、渠道、类别、部门、农户状态、评价）")
  StatisticsDetails.Names names() {
    return details.names();
  }

  static Set<String> groups(Authentication user) {
    return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).filter(a -> a.startsWith(G))
        .map(a -> a.substring(G.length())).collect(Collectors.toSet());
  }
}
