package cn.liaison.platform.campaign;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;

/** A rice-replanting campaign (改种行动) of a town with its phases, targets and deputies' team. */
public record Campaign(String code, String name, String town, String season, LocalDate startDate,
    LocalDate signAndPlantDate, LocalDate wrapUpDate, int targetHouseholds, BigDecimal targetMu,
    BigDecimal subsidyPerMu, Status status, String processInstanceId, String summary, List<TeamMember> team) {

  public enum Status { DRAFT, STARTED, SIGN_AND_PLANT, WRAP_UP, ENDED }

  /** 包村 (VILLAGE) or 包片 (AREA). */
  public record TeamMember(String deputy, ScopeKind kind, String scope) {}

  public enum ScopeKind { VILLAGE, AREA }

  /** A phase begins at 08:00 of its day, local time (the timers of rice-replanting-campaign.bpmn). */
  public static final LocalTime PHASE_BEGINS = LocalTime.of(8, 0);

  /** When 签约种植 begins (process variable signAndPlantDate). */
  public Date signAndPlantBegins(ZoneId zone) {
    return at(signAndPlantDate, zone);
  }

  /**
   * When 扫尾 begins, which is when 签约种植 ends (process variable wrapUpDate): mobilisation ends, and the
   * households' visits, signing and planting are due (signAndPlantDueDate).
   */
  public Date wrapUpBegins(ZoneId zone) {
    return at(wrapUpDate, zone);
  }

  /** When the station's 扫尾收关 is due: the wrap-up's begin plus the platform's wrap-up period. */
  public Date wrapUpDue(ZoneId zone, Period wrapUpPeriod) {
    return at(wrapUpDate.plus(wrapUpPeriod), zone);
  }

  private static Date at(LocalDate day, ZoneId zone) {
    return Date.from(day.atTime(PHASE_BEGINS).atZone(zone).toInstant());
  }

  /** The responsible deputy of a household: its village's deputy (包村), else its area's (包片). */
  public String deputyFor(String village, String area) {
    return team.stream().filter(t -> t.kind() == ScopeKind.VILLAGE && t.scope().equals(village)).map(TeamMember::deputy)
        .findFirst().orElseGet(() -> team.stream().filter(t -> t.kind() == ScopeKind.AREA && t.scope().equals(area))
            .map(TeamMember::deputy).findFirst().orElse(null));
  }
}
