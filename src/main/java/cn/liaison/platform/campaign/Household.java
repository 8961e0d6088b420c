package cn.liaison.platform.campaign;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A household of the ledger (工作台账) with its plots; headName and phone are personal data. */
public record Household(long id, String campaignCode, String householdNo, String headName, String village,
    String area, String phone, String responsibleDeputy, Status status, int visitCount, String lastVisitOutcome,
    String unwillingReasons, String visitNote, int guidanceCount, String agreementNo, BigDecimal signedMu,
    BigDecimal plantedMu, LocalDate plantedOn, BigDecimal subsidyAmount, Instant subsidisedAt, String crossedOffBy,
    Instant crossedOffAt, String processInstanceId, List<Plot> plots) {

  /** Where the household stands; CROSSED_OFF (已销号) and NOT_CONVERTED (未改种) are final. */
  public enum Status {
    PENDING("待走访"), VISITING("动员中"), UNWILLING("暂不愿意"), WILLING("愿意改种"), SIGNED("已签约"),
    PLANTED("已种植"), SUBSIDISED("已拨付补贴"), CROSSED_OFF("已销号"), NOT_CONVERTED("未改种");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public record Plot(long id, String plotNo, BigDecimal areaMu, Terrain terrain, String currentCrop, boolean signed) {}

  /** 一般 / 地势高 / 沙土地. */
  public enum Terrain {
    NORMAL("一般"), HIGH_GROUND("地势高"), SANDY("沙土地");

    private final String label;

    Terrain(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public BigDecimal totalMu() {
    return plots.stream().map(Plot::areaMu).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
