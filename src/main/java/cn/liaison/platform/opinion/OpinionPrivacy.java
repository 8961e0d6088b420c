package cn.liaison.platform.opinion;

import cn.liaison.platform.station.Station;
import cn.liaison.platform.system.ConflictException;
import cn.liaison.platform.system.InvalidInputException;
import cn.liaison.platform.system.NotFoundException;
import java.util.Collection;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 删除个人信息 of one opinion in the opinion's own tables, for the staff of its station (who took it and answer for
 * it). The process variables that carry the same words are listed in {@link #PROCESS_VARIABLES} for whoever erases
 * them from the engine's history (the privacy feature).
 */
@Service
public class OpinionPrivacy {

  /** The opinion loop's variables that hold the citizen's words or (masked) contact. */
  public static final List<String> PROCESS_VARIABLES = List.of(OpinionLoopProcess.Var.CONTENT,
      OpinionLoopProcess.Var.PLACE, OpinionLoopProcess.Var.CONTACT_MASKED,
      OpinionLoopProcess.Var.LAST_EVALUATION_COMMENT);

  static final int MAX_REASON = 200;

  /** What was erased: the opinion's references, and its words as they were, to find their copies. */
  public record Erased(long opinionId, String ticketNo, String stationCode, String processInstanceId,
      String formerContent, String formerPlace) {}

  private final Opinions opinions;

  OpinionPrivacy(Opinions opinions) {
    this.opinions = opinions;
  }

  /**
   * Erases the citizen's contact and the opinion's text and place. Unknown ticket 404; a user who is not staff of
   * the opinion's station 403; no reason 400; erased before 409. Statistics do not change (status, dates, category,
   * ratings stay).
   */
  @Transactional
  public Erased erase(String ticketNo, String reason, String user, Collection<String> groups) {
    Opinion o = opinions.findByTicket(ticketNo).orElseThrow(() -> new NotFoundException("意见不存在：" + ticketNo));
    if (!groups.contains(Station.staffGroupOf(o.stationCode()))) {
      throw new AccessDeniedException("only the staff of station " + o.stationCode() + " may erase " + ticketNo);
    }
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty() || why.codePointCount(0, why.length()) > MAX_REASON) {
      throw new InvalidInputException("reason", "请填写删除原因（不超过 " + MAX_REASON + " 字，不要写入群众的姓名和电话）");
    }
    if (Opinions.ERASED.equals(o.content()) || !opinions.eraseCitizenData(o.id())) {
      throw new ConflictException("该意见的个人信息已经删除过了（" + ticketNo + "）。");
    }
    opinions.addEvent(o.id(), o.status(), "群众个人信息已删除", "联系方式、意见内容和地点已删除。", true, user);
    return new Erased(o.id(), o.ticketNo(), o.stationCode(), o.processInstanceId(), o.content(), o.place());
  }
}
