package cn.liaison.platform.campaign;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A rice-replanting campaign (改种行动) of a town with its phases, targets and deputies' team. */
public record Campaign(String code, String name, String town, String season, LocalDate startDate,
    LocalDate signAndPlantDate, LocalDate wrapUpDate, int targetHouseholds, BigDecimal targetMu,
    BigDecimal subsidyPerMu, Status status, String processInstanceId, String summary, List<TeamMember> team) {

  public enum Status { DRAFT, STARTED, SIGN_AND_PLANT, WRAP_UP, ENDED }

  /** 包村 (VILLAGE) or 包片 (AREA). */
  public record TeamMember(String deputy, ScopeKind kind, String scope) {}

  public enum ScopeKind { VILLAGE, AREA }

  /** The responsible deputy of a household: its village's deputy (包村), else its area's (包片). */
  public String deputyFor(String village, String area) {
    return team.stream().filter(t -> t.kind() == ScopeKind.VILLAGE && t.scope().equals(village)).map(TeamMember::deputy)
        .findFirst().orElseGet(() -> team.stream().filter(t -> t.kind() == ScopeKind.AREA && t.scope().equals(area))
            .map(TeamMember::deputy).findFirst().orElse(null));
  }
}
