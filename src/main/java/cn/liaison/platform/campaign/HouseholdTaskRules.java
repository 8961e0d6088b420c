package cn.liaison.platform.campaign;

import cn.liaison.platform.calendar.Dates;
import cn.liaison.platform.campaign.CampaignProcess.Var;
import cn.liaison.platform.campaign.CampaignProcess.VisitOutcome;
import cn.liaison.platform.system.TaskCompletionRules;
import cn.liaison.platform.system.TaskDecisionRefused;
import cn.liaison.platform.system.TaskField;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * What the deputies' and departments' decisions in the sign-off process must satisfy: a known visit outcome,
 * reasons when unwilling, an agreement with signed plots, planting not more than signed. The same for the
 * forms in Tasklist and for /engine-rest/task/{id}/complete.
 */
@Component
public class HouseholdTaskRules implements TaskCompletionRules {

  static final Set<String> REASONS = java.util.Arrays.stream(CampaignProcess.UnwillingReason.values())
      .map(Enum::name).collect(java.util.stream.Collectors.toUnmodifiableSet());

  private final Households households;

  HouseholdTaskRules(Households households) {
    this.households = households;
  }

  @Override
  public boolean appliesTo(String processDefinitionKey) {
    return CampaignProcess.HOUSEHOLD_KEY.equals(processDefinitionKey)
        || CampaignProcess.CAMPAIGN_KEY.equals(processDefinitionKey)
        || CampaignProcess.SUBSIDY_BATCH_KEY.equals(processDefinitionKey);
  }

  @Override
  public Map<String, TaskField> accepts(String taskKey) {
    return CampaignProcess.TASK_CONTRACTS.get(taskKey);
  }

  @Override
  public void check(String taskKey, Function<String, Object> vars) {
    Map<String, String> errors = new LinkedHashMap<>();
    switch (taskKey) {
      case CampaignProcess.Task.VISIT -> {
        Object outcome = vars.apply(Var.VISIT_OUTCOME);
        if (java.util.Arrays.stream(VisitOutcome.values()).noneMatch(o -> o.name().equals(String.valueOf(outcome)))) {
          errors.put(Var.VISIT_OUTCOME, "请选择走访结果：愿意、不愿意或不在家");
        } else if (VisitOutcome.UNWILLING.name().equals(outcome)) {
          List<String> reasons = values(vars.apply(Var.UNWILLING_REASONS));
          if (reasons.isEmpty() || !REASONS.containsAll(reasons)) {
            errors.put(Var.UNWILLING_REASONS, "请选择不愿意的原因（地势高、沙土地、成本高、缺劳力、其他）");
          }
          Object note = vars.apply(Var.VISIT_NOTE);
          if (note == null || note.toString().isBlank()) {
            errors.put(Var.VISIT_NOTE, "请记录农户的具体顾虑");
          }
        }
        Object note = vars.apply(Var.VISIT_NOTE);
        if (note != null && note.toString().length() > 1000) {
          errors.put(Var.VISIT_NOTE, "走访记录不能超过 1000 个字");
        }
      }
      case CampaignProcess.Task.RECORD_GUIDANCE -> {
        date(errors, vars, Var.GUIDANCE_ON, "请填写指导日期");
        Object note = vars.apply(Var.GUIDANCE_NOTE);
        if (note == null || note.toString().isBlank() || note.toString().length() > 1000) {
          errors.put(Var.GUIDANCE_NOTE, "请填写指导内容（不超过 1000 个字）");
        }
      }
      case CampaignProcess.Task.SIGN_AGREEMENT -> {
        Object no = vars.apply(Var.AGREEMENT_NO);
        if (no == null || no.toString().isBlank() || no.toString().length() > 64) {
          errors.put(Var.AGREEMENT_NO, "请填写协议编号（不超过 64 个字符）");
        }
        Household h = household(vars);
        List<String> plots = values(vars.apply(Var.SIGNED_PLOTS));
        Set<String> known = h == null ? Set.of() : Set.copyOf(h.plots().stream().map(Household.Plot::plotNo).toList());
        if (plots.isEmpty() || !known.containsAll(plots)) {
          errors.put(Var.SIGNED_PLOTS, "请选择签约的地块");
        }
        BigDecimal signed = number(errors, vars, Var.SIGNED_MU, "请填写签约面积（亩）");
        if (signed != null && h != null) {
          BigDecimal plotted = h.plots().stream().filter(p -> plots.contains(p.plotNo())).map(Household.Plot::areaMu)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
          if (signed.compareTo(plotted) > 0) {
            errors.put(Var.SIGNED_MU, "签约面积不能大于所选地块面积之和（" + plotted.stripTrailingZeros().toPlainString() + " 亩）");
          }
        }
      }
      case CampaignProcess.Task.CONFIRM_PLANTING -> {
        BigDecimal planted = number(errors, vars, Var.PLANTED_MU, "请填写种植面积（亩）");
        Object signedValue = vars.apply(Var.SIGNED_MU);
        if (planted != null && signedValue != null && planted.compareTo(new BigDecimal(signedValue.toString())) > 0) {
          errors.put(Var.PLANTED_MU, "种植面积不能大于签约面积（" + signedValue + " 亩）");
        }
        date(errors, vars, Var.PLANTED_ON, "请填写种植日期");
      }
      case CampaignProcess.Task.WRAP_UP -> {
        Object note = vars.apply(Var.WRAP_UP_NOTE);
        if (note == null || note.toString().isBlank() || note.toString().length() > 2000) {
          errors.put(Var.WRAP_UP_NOTE, "请填写扫尾情况（不超过 2000 个字）");
        }
        if (!Boolean.TRUE.equals(vars.apply(Var.WRAP_UP_CONFIRMED)) && !"true".equals(String.valueOf(vars.apply(
            Var.WRAP_UP_CONFIRMED)))) {
          errors.put(Var.WRAP_UP_CONFIRMED, "请确认已核对台账");
        }
      }
      case CampaignProcess.Task.REVIEW_BATCH, CampaignProcess.Task.FINANCE_REVIEW_BATCH -> {
        if (!isTrue(vars.apply(Var.BATCH_CHECKED))) {
          errors.put(Var.BATCH_CHECKED, "请确认已逐户核对本批名单、面积和金额（需暂缓或调整的农户请先处理）");
        }
        Object note = vars.apply(Var.REVIEW_NOTE);
        if (note != null && note.toString().length() > 1000) {
          errors.put(Var.REVIEW_NOTE, "核对意见不能超过 1000 个字");
        }
      }
      case CampaignProcess.Task.CONFIRM_PAYMENT_ACCOUNT -> {
        if (!isTrue(vars.apply(Var.ACCOUNT_CONFIRMED))) {
          errors.put(Var.ACCOUNT_CONFIRMED, "请与农户核实并确认发放信息已更正");
        }
        Object note = vars.apply(Var.ACCOUNT_CONFIRM_NOTE);
        if (note == null || note.toString().isBlank() || note.toString().length() > 1000) {
          errors.put(Var.ACCOUNT_CONFIRM_NOTE, "请填写核实情况（不超过 1000 个字）");
        }
      }
      default -> { }
    }
    if (!errors.isEmpty()) {
      throw new TaskDecisionRefused(errors);
    }
  }

  private static boolean isTrue(Object value) {
    return Boolean.TRUE.equals(value) || "true".equals(String.valueOf(value));
  }

  /** The items of a checklist variable (the completion guard has already checked its kind). */
  public static List<String> values(Object value) {
    List<String> items = TaskField.items(value);
    return items == null ? List.of() : items;
  }

  private Household household(Function<String, Object> vars) {
    Object id = vars.apply(Var.HOUSEHOLD_ID);
    return id instanceof Number n ? households.find(n.longValue()).orElse(null) : null;
  }

  private static BigDecimal number(Map<String, String> errors, Function<String, Object> vars, String name,
      String missing) {
    Object v = vars.apply(name);
    try {
      BigDecimal n = new BigDecimal(String.valueOf(v).trim());
      if (n.signum() <= 0 || n.compareTo(new BigDecimal("10000")) > 0) {
        errors.put(name, missing);
        return null;
      }
      return n;
    } catch (NumberFormatException e) {
      errors.put(name, missing);
      return null;
    }
  }

  private static void date(Map<String, String> errors, Function<String, Object> vars, String name, String missing) {
    Object v = vars.apply(name);
    if (v == null || v.toString().isBlank()) {
      errors.put(name, missing);
      return;
    }
    if (!Dates.isDate(v)) {
      errors.put(name, "日期格式应为 年-月-日");
    }
  }
}
