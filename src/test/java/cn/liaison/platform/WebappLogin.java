package cn.liaison.platform;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Logs into a Camunda webapp the way the browser does: XSRF cookie first, then the login form. */
public final class WebappLogin {

  /** The result of a login: its HTTP status and the session cookie to use afterwards. */
  public record Login(ResponseEntity<String> response, String sessionId, String xsrfToken) {

    /** Headers for the webapp's own API calls (session cookie and CSRF token). */
    public HttpHeaders headers() {
      HttpHeaders headers = new HttpHeaders();
      headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + sessionId + "; XSRF-TOKEN=" + xsrfToken);
      headers.add("X-XSRF-TOKEN", xsrfToken);
      return headers;
    }
  }

  private WebappLogin() {}

  public static Login login(TestRestTemplate http, String user, String app) {
    var page = http.getForEntity("/camunda/app/" + app + "/default/", String.class);
    String xsrf = cookie(page.getHeaders(), "XSRF-TOKEN");
    String session = cookie(page.getHeaders(), "JSESSIONID");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.add("X-XSRF-TOKEN", xsrf);
    headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + session + "; XSRF-TOKEN=" + xsrf);
    var login = http.exchange("/camunda/api/admin/auth/user/default/login/" + app, HttpMethod.POST,
        new HttpEntity<>("username=" + user + "&password=" + user, headers), String.class);
    var cookies = login.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE);
    String newSession = cookies.stream().anyMatch(c -> c.startsWith("JSESSIONID="))
        ? cookie(login.getHeaders(), "JSESSIONID") : session;
    String newXsrf = cookies.stream().anyMatch(c -> c.startsWith("XSRF-TOKEN="))
        ? cookie(login.getHeaders(), "XSRF-TOKEN") : xsrf;
    if (login.getStatusCode().is2xxSuccessful()) {
      // the login starts a new session without a CSRF token: the browser's next page load fetches one
      HttpHeaders next = new HttpHeaders();
      next.add(HttpHeaders.COOKIE, "JSESSIONID=" + newSession);
      var reload = http.exchange("/camunda/app/" + app + "/default/", HttpMethod.GET, new HttpEntity<>(next),
          String.class);
      if (reload.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream().anyMatch(c -> c.startsWith("XSRF-TOKEN="))) {
        newXsrf = cookie(reload.getHeaders(), "XSRF-TOKEN");
      }
    }
    return new Login(login, newSession, newXsrf);
  }

  /** GET a page with the webapp session of the user (logged into Tasklist). */
  public static ResponseEntity<String> getAs(TestRestTemplate http, String user, String path) {
    Login login = login(http, user, "tasklist");
    HttpHeaders headers = new HttpHeaders();
    headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + login.sessionId());
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }

  static String cookie(HttpHeaders headers, String name) {
    return headers.get(HttpHeaders.SET_COOKIE).stream().filter(c -> c.startsWith(name + "=")).findFirst()
        .orElseThrow().split(";")[0].substring(name.length() + 1);
  }
}
