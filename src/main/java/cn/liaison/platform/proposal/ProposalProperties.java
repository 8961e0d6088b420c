package cn.liaison.platform.proposal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The deputy proposal's time limits a county sets (liaison.proposal.*, environment LIAISON_PROPOSAL_*):
 * <ul>
 * <li>coSignDays — working days co-signers have to agree (联名期限); undecided co-signers are then left out;
 * <li>assignDays — working days the congress office has to assign an accepted proposal (交办时限).
 * </ul>
 */
@ConfigurationProperties("liaison.proposal")
public record ProposalProperties(@DefaultValue("5") int coSignDays, @DefaultValue("5") int assignDays) {

  public ProposalProperties {
    if (coSignDays < 1 || assignDays < 1) {
      throw new IllegalArgumentException("liaison.proposal: co-sign days and assign days must be at least 1");
    }
  }
}
