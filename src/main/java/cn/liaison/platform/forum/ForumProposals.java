package cn.liaison.platform.forum;

import cn.liaison.platform.forum.Forum.Disposition;
import cn.liaison.platform.forum.Forum.ProposerKind;
import cn.liaison.platform.forum.Forum.SuggestionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Forum suggestions kept as material for a deputy's proposal (disposition PROPOSAL), as the proposal feature sees
 * them: which ones wait for a proposal, a proposal taking them up (status PROPOSAL_LINKED 已形成代表建议, with the
 * proposal's number), and their release when the proposal does not go on. The table stays written by {@link Forums}.
 */
@Service
public class ForumProposals {

  /** A suggestion of a forum: its forum's number and station, the proposing deputy and what was said. */
  public record ForumSuggestion(long id, String forumNo, String stationCode, String proposer, String category,
      String content, Instant createdAt) {}

  private final Forums forums;

  ForumProposals(Forums forums) {
    this.forums = forums;
  }

  /** The suggestion, if it waits for a proposal of its proposing deputy (PROPOSAL, status PROPOSAL_CANDIDATE). */
  public Optional<ForumSuggestion> waiting(long suggestionId) {
    return forums.suggestionAt(suggestionId)
        .filter(s -> s.suggestion().disposition() == Disposition.PROPOSAL
            && s.suggestion().proposerKind() == ProposerKind.DEPUTY
            && s.suggestion().status() == SuggestionStatus.PROPOSAL_CANDIDATE && s.suggestion().proposalRef() == null)
        .map(ForumProposals::view);
  }

  /** Whether a suggestion of that id exists and a proposal has already taken it up. */
  public boolean taken(long suggestionId) {
    return forums.suggestionAt(suggestionId)
        .filter(s -> s.suggestion().status() == SuggestionStatus.PROPOSAL_LINKED).isPresent();
  }

  /** A station's suggestions waiting for a proposal, oldest first. */
  public List<ForumSuggestion> waitingAt(String stationCode) {
    return forums.proposalCandidatesAt(stationCode).stream().map(ForumProposals::view).toList();
  }

  /** The suggestions the proposal took up. */
  public List<ForumSuggestion> of(String proposalNo) {
    return forums.takenBy(proposalNo).stream().map(ForumProposals::view).toList();
  }

  /** The proposal takes the suggestion up; false when it is no longer waiting (taken by another one meanwhile). */
  public boolean take(long suggestionId, String proposalNo) {
    return forums.takeForProposal(suggestionId, proposalNo);
  }

  /** The proposal no longer goes on: its suggestions wait for a proposal again; how many. Idempotent. */
  public int release(String proposalNo) {
    return forums.releaseFromProposal(proposalNo);
  }

  private static ForumSuggestion view(Forums.SuggestionAt s) {
    return new ForumSuggestion(s.suggestion().id(), s.forumNo(), s.stationCode(), s.suggestion().proposer(),
        s.suggestion().category(), s.suggestion().content(), s.suggestion().createdAt());
  }
}
