package cn.liaison.platform.proposal.web;

import cn.liaison.platform.proposal.ProposalService;
import cn.liaison.platform.proposal.ProposalService.Caller;
import cn.liaison.platform.proposal.ProposalView;
import cn.liaison.platform.system.NotFoundException;
import cn.liaison.platform.system.StaffSession;
import cn.liaison.platform.system.TasklistSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The proposal's card that the proposal forms link to, opened with the Tasklist login (groups read again at every
 * request): text, lead and co-signers with their decisions, units with their answers, status, timeline, the linked
 * opinions (contacts masked) and forum suggestions. Its readers are those of GET /api/proposals/{no} (the lead,
 * co-signers still deciding or agreed, the congress office, assigned units, analysts, the staff of the lead's
 * stations); anyone else gets the same page as for an unknown number, so numbers cannot be walked.
 */
@Controller
class StaffProposalController {

  private final ProposalService proposals;
  private final StaffSession staffSession;

  private cn.liaison.platform.supervision.SupervisionCounts supervisionLights;

  @org.springframework.beans.factory.annotation.Autowired
  void setSupervisionLights(cn.liaison.platform.supervision.SupervisionCounts supervisionLights) {
    this.supervisionLights = supervisionLights;
  }

  StaffProposalController(ProposalService proposals, StaffSession staffSession) {
    this.proposals = proposals;
    this.staffSession = staffSession;
  }

  @GetMapping("/staff/proposals/{proposalNo}")
  String proposal(@PathVariable String proposalNo, HttpServletRequest request, HttpServletResponse response,
      Model model) {
    TasklistSession.User user = staffSession.current(request).orElse(null);
    if (user == null) {
      return StaffSession.loginRequired(response, model);
    }
    ProposalView view;
    try {
      view = proposals.view(proposalNo, new Caller(user.id(), Set.copyOf(user.groups())));
    } catch (NotFoundException | AccessDeniedException e) {
      return StaffSession.notFound(response, model, "代表建议");
    }
    model.addAttribute("proposal", view);
    model.addAttribute("light", supervisionLights.lightOf(proposalNo)); // 三色督办, null when none
    return "staff/proposal";
  }
}
