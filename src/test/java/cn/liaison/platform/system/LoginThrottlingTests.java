package cn.liaison.platform.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PlatformTest;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;

/**
 * An attacker guessing the administrator's password from one address: after liaison.security.login-failures-per-minute
 * failures that address gets 429 on every entry point, while the administrator still logs in from elsewhere and is
 * never locked by Camunda. Each test uses client addresses of its own (X-Forwarded-For, honoured from the local proxy
 * address the tests connect from), so tests never throttle each other.
 */
@PlatformTest
class LoginThrottlingTests {

  static final AtomicInteger ADDRESSES = new AtomicInteger(ThreadLocalRandom.current().nextInt(30_000, 60_000));

  @Autowired IdentityService identityService;
  @Value("${liaison.security.login-failures-per-minute}") int allowedFailures;
  @LocalServerPort int port;

  /** A client that takes a 429 as the answer (HttpClient 5 would otherwise wait Retry-After and ask again). */
  TestRestTemplate http;

  @BeforeEach
  void clientWithoutRetries() {
    http = new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port)
        .requestFactory(() -> new HttpComponentsClientHttpRequestFactory(
            HttpClients.custom().disableAutomaticRetries().disableCookieManagement().build())));
  }

  @Test
  void wrongPasswordsOnTheApiAreThrottledPerAddress() {
    attackAndCheck((address, password) -> status(http.withBasicAuth("demo", password).exchange("/api/me",
        HttpMethod.GET, new HttpEntity<>(from(address)), String.class)));
  }

  @Test
  void wrongPasswordsOnEngineRestAreThrottledPerAddress() {
    attackAndCheck((address, password) -> status(http.withBasicAuth("demo", password).exchange(
        "/engine-rest/process-definition?maxResults=1", HttpMethod.GET, new HttpEntity<>(from(address)), String.class)));
  }

  @Test
  void wrongPasswordsOnTheWebappLoginAreThrottledPerAddress() {
    attackAndCheck((address, password) -> webappLogin(address, "demo", password));
  }

  @Test
  void failuresFromManyAddressesNeverLockTheAdministrator() {
    // more failures than Camunda's default login-max-attempts (10), spread over addresses below the throttle
    for (int i = 0; i < 3; i++) {
      String address = nextAddress();
      for (int attempt = 0; attempt < allowedFailures; attempt++) {
        assertThat(status(http.withBasicAuth("demo", "guess-" + i + attempt).exchange("/api/me", HttpMethod.GET,
            new HttpEntity<>(from(address)), String.class))).isEqualTo(HttpStatus.UNAUTHORIZED);
      }
    }
    UserEntity demo = (UserEntity) identityService.createUserQuery().userId("demo").singleResult();
    assertThat(demo.getAttempts()).isGreaterThanOrEqualTo(3 * allowedFailures);
    assertThat(identityService.checkPassword("demo", "demo")).as("the administrator is not locked").isTrue();
    assertThat(webappLogin(nextAddress(), "demo", "demo")).isEqualTo(HttpStatus.OK);
  }

  /** allowedFailures wrong passwords, then 429 from that address (also for the right one); others log in. */
  void attackAndCheck(BiFunction<String, String, HttpStatus> login) {
    String attacker = nextAddress();
    for (int attempt = 1; attempt <= allowedFailures; attempt++) {
      assertThat(login.apply(attacker, "guess-" + attempt)).as("attempt " + attempt)
          .isEqualTo(HttpStatus.UNAUTHORIZED);
    }
    assertThat(login.apply(attacker, "guess-again")).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(login.apply(attacker, "demo")).as("no more guesses, not even the right one")
        .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

    ResponseEntity<String> throttled = http.withBasicAuth("demo", "demo").exchange("/api/me", HttpMethod.GET,
        new HttpEntity<>(from(attacker)), String.class);
    assertThat(throttled.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(Long.parseLong(throttled.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 60L);
    assertThat(throttled.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    assertThat(throttled.getBody()).contains("登录尝试过于频繁");

    // the administrator, from the office: not throttled, not locked, on every entry point
    String office = nextAddress();
    assertThat(login.apply(office, "demo")).isEqualTo(HttpStatus.OK);
    assertThat(status(http.withBasicAuth("demo", "demo").exchange("/api/me", HttpMethod.GET,
        new HttpEntity<>(from(office)), String.class))).isEqualTo(HttpStatus.OK);
    assertThat(status(http.withBasicAuth("demo", "demo").exchange("/engine-rest/process-definition?maxResults=1",
        HttpMethod.GET, new HttpEntity<>(from(office)), String.class))).isEqualTo(HttpStatus.OK);
    assertThat(webappLogin(office, "demo", "demo")).isEqualTo(HttpStatus.OK);
    // successful logins cost nothing
    for (int i = 0; i < allowedFailures + 2; i++) {
      assertThat(status(http.withBasicAuth("demo", "demo").exchange("/api/me", HttpMethod.GET,
          new HttpEntity<>(from(office)), String.class))).isEqualTo(HttpStatus.OK);
    }
    assertThat(identityService.checkPassword("demo", "demo")).as("the administrator is not locked").isTrue();
  }

  HttpStatus webappLogin(String address, String user, String password) {
    var page = http.exchange("/camunda/app/admin/default/", HttpMethod.GET, new HttpEntity<>(from(address)),
        String.class);
    String xsrf = cookie(page.getHeaders(), "XSRF-TOKEN");
    String session = cookie(page.getHeaders(), "JSESSIONID");
    HttpHeaders headers = from(address);
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.add("X-XSRF-TOKEN", xsrf);
    headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + session + "; XSRF-TOKEN=" + xsrf);
    return status(http.exchange("/camunda/api/admin/auth/user/default/login/admin", HttpMethod.POST,
        new HttpEntity<>("username=" + user + "&password=" + password, headers), String.class));
  }

  static String cookie(HttpHeaders headers, String name) {
    List<String> cookies = headers.getOrEmpty(HttpHeaders.SET_COOKIE);
    return cookies.stream().filter(c -> c.startsWith(name + "=")).findFirst().orElseThrow()
        .split(";")[0].substring(name.length() + 1);
  }

  static HttpHeaders from(String address) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Forwarded-For", address);
    return headers;
  }

  static HttpStatus status(ResponseEntity<?> response) {
    return HttpStatus.valueOf(response.getStatusCode().value());
  }

  /** A client address of its own per use (198.18.0.0/15, for tests). */
  static String nextAddress() {
    int n = ADDRESSES.incrementAndGet();
    return "198.18." + (n / 250 % 250) + "." + (n % 250 + 1);
  }
}
