package cn.liaison.platform.proposal.web;

import cn.liaison.platform.identity.PlatformGroups;
import cn.liaison.platform.proposal.ProposalService;
import cn.liaison.platform.proposal.ProposalService.Caller;
import cn.liaison.platform.proposal.ProposalView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Deputy proposals (代表建议): a deputy submits one as its lead, station staff or analysts on a deputy's behalf (the
 * lead then confirms it in Tasklist); its lead, co-signers, the congress office, assigned units, analysts and the
 * staff of the lead's stations read it. Anyone else gets 403, a caller without credentials 401.
 */
@RestController
@Tag(name = "代表建议", description = "代表领衔提出建议（联名、审核、交办）；查看建议的内容、联名代表、承办单位和办理过程")
@SecurityRequirement(name = "basic")
class ProposalController {

  static final String SUBMITTERS = "hasAnyAuthority('GROUP_" + PlatformGroups.DEPUTIES + "','GROUP_"
      + PlatformGroups.STATION_STAFF + "','GROUP_" + PlatformGroups.ANALYSTS + "')";
  static final String AUTHENTICATED = "isAuthenticated() and !isAnonymous()";

  private final ProposalService proposals;

  ProposalController(ProposalService proposals) {
    this.proposals = proposals;
  }

  record SubmitRequest(String title, String reasons, String content, String category, String leadDeputy,
      List<String> coSigners, List<String> opinionTickets, List<Long> forumSuggestionIds) {}

  record SubmitResponse(String proposalNo) {}

  @PostMapping("/api/proposals")
  @PreAuthorize(SUBMITTERS)
  @Operation(summary = "提出代表建议", description = "title 须为“关于……的建议”；reasons 案由；content 建议内容；category 意见类别编码；"
      + "leadDeputy 领衔代表的用户名（代表本人提出时为本人；联络站工作人员、研判人员可代为录入，由领衔代表在任务列表中确认）；"
      + "coSigners 联名代表的用户名（可为空，不能包含领衔代表，不能重复）。返回建议编号 JY<年>-<序号>。"
      + "opinionTickets：关联的群众意见受理编号（可为空），须是经研判“转为代表建议”、正等待代表建议的意见（见建议池），"
      + "属于领衔代表所在的联络站，且未被其他建议关联。"
      + "forumSuggestionIds：关联的座谈会建议编号（可为空），须是领衔代表本人在产业座谈会上提出、处理方式为“作为代表建议素材”"
      + "且尚未形成代表建议的建议；建议提出后这些座谈会建议显示为“已形成代表建议”。")
  ResponseEntity<SubmitResponse> submit(@RequestBody SubmitRequest body, Authentication auth) {
    String no = proposals.submit(new ProposalService.Submission(body.title(), body.reasons(), body.content(),
        body.category(), body.leadDeputy(), body.coSigners(), body.opinionTickets(), body.forumSuggestionIds()),
        caller(auth));
    return ResponseEntity.created(URI.create("/api/proposals/" + no)).body(new SubmitResponse(no));
  }

  @GetMapping("/api/proposals/candidates")
  @PreAuthorize(AUTHENTICATED)
  @Operation(summary = "代表建议素材（建议池）", description = "联络站中经研判“转为代表建议”、尚未纳入任何代表建议的群众意见，"
      + "联系方式只显示隐去中间四位的号码。供该联络站的驻站代表和工作人员、研判人员、代表工委查看；其他人 403，联络站不存在 404。"
      + "代表从中选取意见，在提出建议时以 opinionTickets 关联。kind 为 OPINION（群众意见）或 FORUM_SUGGESTION"
      + "（座谈会上代表提出的建议素材，forumNo、forumSuggestionId 标明来源，proposalDeputy 为提出的代表，"
      + "以 forumSuggestionIds 关联）。")
  List<ProposalService.Candidate> candidates(@RequestParam(required = false) String station, Authentication auth) {
    return proposals.candidates(station, caller(auth));
  }

  @GetMapping("/api/proposals/{proposalNo}")
  @PreAuthorize(AUTHENTICATED)
  @Operation(summary = "查看代表建议", description = "建议内容、联名代表及其意见、承办单位、状态和办理过程。"
      + "只有领衔代表、联名代表、代表工委、承办单位、研判人员和领衔代表所在联络站的工作人员可以查看。")
  ProposalView get(@PathVariable String proposalNo, Authentication auth) {
    return proposals.view(proposalNo, caller(auth));
  }

  private static Caller caller(Authentication auth) {
    Set<String> groups = auth.getAuthorities().stream().map(a -> a.getAuthority())
        .filter(a -> a.startsWith("GROUP_")).map(a -> a.substring("GROUP_".length())).collect(Collectors.toSet());
    return new Caller(auth.getName(), groups);
  }
}
