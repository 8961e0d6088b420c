package cn.liaison.platform.proposal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The deputy proposal's time limits a county sets (liaison.proposal.*, environment LIAISON_PROPOSAL_*):
 * <ul>
 * <li>coSignDays — working days co-signers have to agree (联名期限); undecided co-signers are then left out;
 * <li>assignDays — working days the congress office has to assign an accepted proposal (交办时限);
 * <li>replyMonths — calendar months from 交办 to the units' reply (答复期限, default 3);
 * <li>assistMonths — calendar months a 协办 unit has to give its view to the 主办 (default 1);
 * <li>rehandleMonths — calendar months the units have to answer again after the lead deputy is dissatisfied (default 1);
 * <li>maxExtensionMonths — the furthest an approved extension moves a unit's reply after its due date (default 3).
 * </ul>
 */
@ConfigurationProperties("liaison.proposal")
public record ProposalProperties(@DefaultValue("5") int coSignDays, @DefaultValue("5") int assignDays,
    @DefaultValue("3") int replyMonths, @DefaultValue("1") int assistMonths, @DefaultValue("1") int rehandleMonths,
    @DefaultValue("3") int maxExtensionMonths) {

  public ProposalProperties {
    if (coSignDays < 1 || assignDays < 1 || replyMonths < 1 || assistMonths < 1 || rehandleMonths < 1 || maxExtensionMonths < 1) {
      throw new IllegalArgumentException("liaison.proposal: days and months must be at least 1");
    }
  }
}
