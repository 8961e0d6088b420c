package cn.liaison.platform.campaign.ledger;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The columns of the ledger file (工作台账), one row per plot; matched by header in any order. */
enum LedgerColumn {
  HOUSEHOLD_ID("household_id", "户编号", true),
  HEAD_NAME("head_name", "户主", true),
  VILLAGE("village", "村", true),
  AREA("area", "片区", false),
  PHONE("phone", "电话", false),
  PLOT_NO("plot_no", "地块编号", true),
  PLOT_MU("plot_mu", "面积(亩)", true, "面积"),
  TERRAIN("terrain", "地形", true),
  CURRENT_CROP("current_crop", "现种作物", false),
  // the household's 惠民惠农财政补贴资金“一卡通” (social security card) account, as Henan's subsidy ledgers name it
  ACCOUNT_NO("account_no", "一卡通账号", false, "一卡通卡号", "社保卡号", "社会保障卡号", "社保卡账号", "惠民惠农一卡通账号"),
  ACCOUNT_HOLDER("account_holder", "开户人", false, "持卡人", "持卡人姓名", "开户人姓名"),
  BANK("bank", "开户银行", false, "开户行");

  final String english;
  final String chinese;
  final boolean required;
  private final Set<String> names;

  LedgerColumn(String english, String chinese, boolean required, String... aliases) {
    this.english = english;
    this.chinese = chinese;
    this.required = required;
    var all = new java.util.HashSet<String>();
    all.add(normalise(english));
    all.add(normalise(chinese));
    for (String a : aliases) {
      all.add(normalise(a));
    }
    this.names = Set.copyOf(all);
  }

  /** The column a header names: English or Chinese, any case, full- or half-width parentheses, spaces ignored. */
  static Optional<LedgerColumn> of(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String n = normalise(header);
    for (LedgerColumn c : values()) {
      if (c.names.contains(n)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** 户编号（household_id）: how an error names a column the file lacks. */
  String describe() {
    return chinese + "（" + english + "）";
  }

  static String normalise(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '（' -> b.append('(');
        case '）' -> b.append(')');
        case '\uFEFF', '\u200B', '\u00A0', '\u3000', ' ', '\t', '*' -> { } // BOM, spaces, "required" stars
        default -> b.append(ch);
      }
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }
}
