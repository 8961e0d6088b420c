package cn.liaison.platform.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit trail other features write to, one line per call site. A row joins the caller's transaction, so a
 * change that rolls back leaves no row; {@link #refusedInOwnTransaction} is for refusals that must stay although the
 * change rolled back (deployments refused by the model check). Never pass personal data: say "联系电话已修改"
 * ({@link Changes#personal}), not the number.
 */
@Service
public class AuditTrail {

  /** The actor of rows written without a user: start-up seeding, scheduled jobs. */
  public static final String SYSTEM = "system";

  private final AuditEvents events;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;

  AuditTrail(AuditEvents events, Clock clock, PlatformTransactionManager transactions) {
    this.events = events;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Records a change or a view by the user of this request (API: the Basic user), or {@link #SYSTEM}. */
  public void record(AuditAction action, AuditSubject subject, String stationCode, String summary, String detail) {
    recordBy(null, action, subject, stationCode, summary, detail);
  }

  /** Records it for the given user (staff pages: the Tasklist session's user); null = as {@link #record}. */
  public void recordBy(String actor, AuditAction action, AuditSubject subject, String stationCode, String summary,
      String detail) {
    events.append(clock.instant(), actor == null ? currentUser() : actor, action, false, subject, stationCode,
        summary, detail, clientAddress());
  }

  /**
   * Records a refusal in a transaction of its own, committed at once: the refused change's transaction rolls back.
   * Called after that transaction ended (outside any other), so it holds one connection at a time.
   */
  public void refusedInOwnTransaction(String actor, AuditAction action, AuditSubject subject, String summary,
      String detail) {
    String who = actor == null ? currentUser() : actor;
    String address = clientAddress();
    ownTransaction.executeWithoutResult(s -> events.append(clock.instant(), who, action, true, subject, null,
        summary, detail, address));
  }

  static String currentUser() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken || authentication.getName() == null) {
      return SYSTEM;
    }
    return authentication.getName();
  }

  /** The client of the current request (behind trusted proxies: from X-Forwarded-For), or null outside requests. */
  static String clientAddress() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
      HttpServletRequest request = attributes.getRequest();
      return request.getRemoteAddr();
    }
    return null;
  }
}
