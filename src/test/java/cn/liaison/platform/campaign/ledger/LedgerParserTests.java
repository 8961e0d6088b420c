package cn.liaison.platform.campaign.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.liaison.platform.campaign.Campaign;
import cn.liaison.platform.campaign.Household;
import cn.liaison.platform.campaign.Households;
import cn.liaison.platform.system.InvalidInputException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ledger file is read and checked without Spring or a database: the campaign's team gives the deputies. */
class LedgerParserTests {

  static final Campaign LUZHAI = new Campaign("LZ", "路寨镇水稻改种", "路寨镇", "2027年夏季", LocalDate.of(2027, 4, 1),
      LocalDate.of(2027, 4, 15), LocalDate.of(2027, 6, 30), 10, new BigDecimal("50"), new BigDecimal("300"),
      Campaign.Status.DRAFT, null, null, List.of(
          new Campaign.TeamMember("deputy1", Campaign.ScopeKind.VILLAGE, "东村"),
          new Campaign.TeamMember("deputy2", Campaign.ScopeKind.AREA, "一片")));

  static LedgerParser.Parsed parse(String csv) {
    return LedgerParser.parse("台账.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8), LUZHAI);
  }

  @Test
  void householdsOnSeveralRowsBecomeOneWithTheirPlotsAndDeputy() {
    LedgerParser.Parsed parsed = parse("路寨镇水稻改种工作台账\n"
        + "户编号,户主,村,片区,电话,地块编号,面积(亩),地形,现种作物\n"
        + "H1,张三,东村,,13800001111,A-01,２.5,地势高,小麦\n"
        + "H1,张三,东村,,13800001111,A-02,1,一般,\n"
        + "H2,李四,北村,一片,,B-01,3.00,SANDY,玉米\n");

    assertThat(parsed.rows()).isEqualTo(3);
    assertThat(parsed.format()).isEqualTo(LedgerFile.Format.CSV);
    List<Households.LedgerHousehold> ledger = parsed.ledger();
    assertThat(ledger).extracting(Households.LedgerHousehold::householdNo, Households.LedgerHousehold::deputy)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("H1", "deputy1"),
            org.assertj.core.groups.Tuple.tuple("H2", "deputy2"));
    assertThat(ledger.get(0).plots()).containsExactly(
        new Households.LedgerPlot("A-01", new BigDecimal("2.50"), Household.Terrain.HIGH_GROUND, "小麦"),
        new Households.LedgerPlot("A-02", new BigDecimal("1.00"), Household.Terrain.NORMAL, null));
    assertThat(ledger.get(1).plots().get(0).terrain()).isEqualTo(Household.Terrain.SANDY);
  }

  @Test
  void badRowsAreNamedByLineAndColumnAsTheFileNamesThem() {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> parse(
        "household_id,head_name,village,area,phone,plot_no,plot_mu,terrain,current_crop\n"
            + "H1,张三,东村,,12345,1,1,NORMAL,\n"
            + "H2,李四,东村,,,1,x,NORMAL,\n"
            + "H3,王五,北村,,,1,1,NORMAL,\n"));
    assertThat(e.errors()).containsOnlyKeys("第2行 phone", "第3行 plot_mu", "第4行 village");
    assertThat(e.errors().get("第4行 village")).startsWith("村/片区未分配包保代表");
  }

  @Test
  void aHouseholdsYiKaTongAccountIsReadWithItsHolderAndBank() {
    LedgerParser.Parsed parsed = parse("户编号,户主,村,片区,电话,地块编号,面积(亩),地形,一卡通账号,开户人,开户银行\n"
        + "H1,张三,东村,,,A-01,2,一般,6217 9912 3456 7890 123,张三,中原银行\n"
        + "H1,张三,东村,,,A-02,1,一般,,,\n"
        + "H2,李四,东村,,,B-01,3,一般,,,\n");

    assertThat(parsed.accounts()).containsExactly(new cn.liaison.platform.campaign.SubsidyPayments.LedgerAccount(
        "H1", "张三", "6217991234567890123", "中原银行"));
  }

  @Test
  void aBadAccountIsNamedByLineAndColumnWithoutTheAccountItself() {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> parse(
        "户编号,户主,村,地块编号,面积(亩),地形,持卡人姓名,社保卡号\n"
            + "H1,张三,东村,A-01,2,一般,张三,62179912AB\n"
            + "H2,李四,东村,B-01,2,一般,,6217991234567890123\n"
            + "H3,王五,东村,C-01,2,一般,王五,\n"
            + "H4,赵六,东村,D-01,2,一般,赵六,6217991234567890000\n"
            + "H5,钱七,东村,E-01,2,一般,钱七,6217991234567890555\n"
            + "H5,钱七,东村,E-02,2,一般,钱七,6217991234567890556\n"));
    assertThat(e.errors()).containsOnlyKeys("第2行 社保卡号", "第3行 持卡人姓名", "第4行 社保卡号", "第5行 社保卡号",
        "第7行 社保卡号");
    assertThat(e.errors().get("第2行 社保卡号")).isEqualTo("一卡通（社会保障卡）账号应为 10 至 32 位数字");
    assertThat(e.errors().get("第3行 持卡人姓名")).contains("必须填写开户人");
    assertThat(e.errors().get("第5行 社保卡号")).contains("文本");
    assertThat(e.errors().get("第7行 社保卡号")).contains("与第6行不一致");
    assertThat(String.join(" ", e.errors().values())).doesNotContain("6217");
  }
}
