package cn.liaison.platform.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.http.HttpHeaders;

/**
 * HTTP Basic for /engine-rest without the Basic challenge: a 401 carries {@code WWW-Authenticate: Liaison-Basic}, so a
 * browser shows no login dialog and never starts caching credentials for the platform. Clients send their
 * credentials with every request (Camunda Modeler, curl -u, scripts do); a login that passed lately is recalled with
 * its groups and tenants ({@link EngineRestAuthentications}) instead of being checked again.
 */
class EngineRestBasicAuthentication extends HttpBasicAuthenticationProvider {

  private final EngineRestAuthentications authentications;

  EngineRestBasicAuthentication(EngineRestAuthentications authentications) {
    this.authentications = authentications;
  }

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    EngineRestAuthentications.Known known = authentications.recall(engine, authorization);
    if (known == null) {
      AuthenticationResult checked = super.extractAuthenticatedUser(request, engine);
      if (!checked.isAuthenticated()) {
        return checked;
      }
      known = authentications.remember(engine, authorization, checked.getAuthenticatedUser());
    }
    AuthenticationResult passed = AuthenticationResult.successful(known.userId());
    passed.setGroups(known.groupIds());
    passed.setTenants(known.tenantIds());
    return passed;
  }

  @Override
  public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
    response.setHeader("WWW-Authenticate", ProblemAuthenticationEntryPoint.challenge(engine.getName()));
  }
}
