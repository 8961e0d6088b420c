package cn.liaison.platform.rectification;

import cn.liaison.platform.calendar.WorkingDayCalendar;
import cn.liaison.platform.rectification.Rectification.Drive;
import cn.liaison.platform.rectification.Rectification.Problem;
import cn.liaison.platform.rectification.Rectification.Status;
import cn.liaison.platform.system.ConflictException;
import cn.liaison.platform.system.NotFoundException;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * The one guard of the rectification API: who reads a drive (403 for others), who sees a problem and its photos
 * (404 for others, so problem numbers cannot be walked) and who adds photos.
 */
@Component
public class RectificationAccess {

  /** Evidence photos of problems are filed under this subject kind with the problem's id. */
  public static final String SUBJECT = RectificationSteps.SUBJECT;
  private static final String GROUP = "GROUP_";

  private final RectificationService service;
  private final RectificationLedger ledger;
  private final WorkingDayCalendar calendar;

  RectificationAccess(RectificationService service, RectificationLedger ledger, WorkingDayCalendar calendar) {
    this.service = service;
    this.ledger = ledger;
    this.calendar = calendar;
  }

  public static Caller caller(Authentication user) {
    Set<String> groups = user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .filter(a -> a.startsWith(GROUP)).map(a -> a.substring(GROUP.length())).collect(Collectors.toSet());
    return new Caller(user.getName(), groups);
  }

  public Drive requireReader(String code, Authentication user) {
    Drive d = service.requireDrive(code);
    if (!service.mayRead(d, caller(user))) {
      throw new AccessDeniedException("may not read drive " + code);
    }
    return d;
  }

  public Problem requireSee(String problemNo, Authentication user) {
    return requireSee(problemNo, caller(user));
  }

  public Problem requireSee(String problemNo, Caller caller) {
    Problem p = service.requireProblem(problemNo);
    if (!service.maySee(p, caller)) {
      throw new NotFoundException("问题不存在：" + problemNo);
    }
    return p;
  }

  public Problem requireAddEvidence(String problemNo, Authentication user) {
    Caller c = caller(user);
    Problem p = requireSee(problemNo, c);
    if (!service.mayAddEvidence(p, c)) {
      throw new AccessDeniedException("may not add evidence to " + problemNo);
    }
    if (p.status() == Status.CLOSED) {
      throw new ConflictException("问题已销号，不能再上传照片。");
    }
    return p;
  }

  public byte[] ledger(String code) {
    return ledger.export(code, calendar.zone());
  }
}
