package cn.liaison.platform.scenario;

import cn.liaison.platform.proposal.DeputyProposalProcess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A deputy's proposal (代表建议): its lead deputy submits it, the co-signers agree, the congress office accepts it. */
public final class Proposal {

  private final CountyScenario county;
  private final String no;
  private final List<String> coSigners;

  private Proposal(CountyScenario county, String no, List<String> coSigners) {
    this.county = county;
    this.no = no;
    this.coSigners = coSigners;
  }

  /** The proposal's number (JY…). */
  public String no() {
    return no;
  }

  /** Every co-signer agrees in Tasklist (附议). */
  public Proposal coSigned() {
    for (String coSigner : coSigners) {
      county.as(coSigner).completes(no, DeputyProposalProcess.Task.CO_SIGN,
          Map.of(DeputyProposalProcess.Var.CO_SIGN_DECISION, "AGREE"));
      county.runDueJobs(no);
    }
    return this;
  }

  /** The congress office accepts it (立案). */
  public Proposal acceptedByOffice() {
    county.as(CountyScenario.CONGRESS_OFFICE).completes(no, DeputyProposalProcess.Task.REVIEW,
        Map.of(DeputyProposalProcess.Var.PROPOSAL_REVIEW, "ACCEPT"));
    county.runDueJobs(no);
    return this;
  }

  /** A proposal to be submitted. */
  public static final class Draft {

    private final CountyScenario county;
    private final Map<String, Object> body = new LinkedHashMap<>();
    private List<String> coSigners = List.of();

    Draft(CountyScenario county, String title) {
      this.county = county;
      body.put("title", title);
    }

    public Draft reasons(String reasons) {
      body.put("reasons", reasons);
      return this;
    }

    public Draft content(String content) {
      body.put("content", content);
      return this;
    }

    public Draft category(String category) {
      body.put("category", category);
      return this;
    }

    public Draft coSigners(String... deputies) {
      coSigners = List.of(deputies);
      return this;
    }

    /** The opinions of the deputy's proposal pool it compiles. */
    public Draft compiling(List<String> opinionTickets) {
      body.put("opinionTickets", opinionTickets);
      return this;
    }

    /** Submitted by its lead deputy (POST /api/proposals): the co-signers are asked. */
    public Proposal submittedBy(String leadDeputy) {
      body.put("leadDeputy", leadDeputy);
      body.put("coSigners", coSigners);
      String no = county.as(leadDeputy).creates("/api/proposals", body).path("proposalNo").asText();
      county.runDueJobs(no);
      return new Proposal(county, no, coSigners);
    }
  }
}
