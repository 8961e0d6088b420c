package cn.liaison.platform.system;

import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;

/**
 * HTTP Basic for /engine-rest without the Basic challenge: a 401 carries {@code WWW-Authenticate: Liaison-Basic}, so a
 * browser shows no login dialog and never starts caching credentials for the platform. Clients send their
 * credentials with every request (Camunda Modeler, curl -u, scripts do). Public: Camunda creates it by class name.
 */
public class EngineRestBasicAuthentication extends HttpBasicAuthenticationProvider {

  @Override
  public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
    response.setHeader("WWW-Authenticate", ProblemAuthenticationEntryPoint.challenge(engine.getName()));
  }
}
