package cn.liaison.platform.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * One of the demo users (password = user name) at the platform's HTTP entry points, /api and /engine-rest: what the
 * person does in the browser or in Tasklist. {@code null} is somebody who is not logged in. Each user comes from an
 * address of their own (X-Forwarded-For), as people do, so the per-address rate limits see them apart.
 */
public final class DemoUser {

  private final TestRestTemplate http;
  private final String name;

  DemoUser(TestRestTemplate http, String name) {
    this.http = http;
    this.name = name;
  }

  public String name() {
    return name;
  }

  public ResponseEntity<String> get(String path) {
    return exchange(HttpMethod.GET, path, null);
  }

  public ResponseEntity<String> post(String path, Object body) {
    return exchange(HttpMethod.POST, path, body);
  }

  public ResponseEntity<String> exchange(HttpMethod method, String path, Object body) {
    HttpHeaders headers = headers();
    HttpEntity<?> entity = body == null ? new HttpEntity<>(headers) : JsonBodies.json(body, headers);
    return http.exchange(path, method, entity, String.class);
  }

  /** A file the user downloads (a bulletin, a ledger), whatever its status. */
  public ResponseEntity<byte[]> download(String path) {
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers()), byte[].class);
  }

  /** What the user reads there; fails unless it is answered 200. */
  public JsonNode read(String path) {
    ResponseEntity<String> r = get(path);
    assertThat(r.getStatusCode().value()).as("%s reads %s: %s", name, path, r.getBody()).isEqualTo(200);
    return JsonBodies.tree(r.getBody());
  }

  /** What the user creates there; fails unless it is answered 201 Created. */
  public JsonNode creates(String path, Object body) {
    ResponseEntity<String> r = post(path, body);
    assertThat(r.getStatusCode().value()).as("%s creates at %s: %s", name, path, r.getBody()).isEqualTo(201);
    return JsonBodies.tree(r.getBody());
  }

  /** The open task of that kind of the business key, as the user finds it in Tasklist (exactly one). */
  public String findsTask(String businessKey, String taskKey) {
    JsonNode found = read("/engine-rest/task?processInstanceBusinessKey=" + businessKey + "&taskDefinitionKey="
        + taskKey);
    assertThat(found.size()).as("%s sees %s of %s", name, taskKey, businessKey).isEqualTo(1);
    return found.get(0).path("id").asText();
  }

  /** Finds the business key's open task of that kind in Tasklist and completes it with the form's values. */
  public void completes(String businessKey, String taskKey, Map<String, Object> values) {
    completesTask(findsTask(businessKey, taskKey), values);
  }

  /** Completes the task through /engine-rest with the form's values; fails unless it is done (204). */
  public void completesTask(String taskId, Map<String, Object> values) {
    ResponseEntity<String> done = triesToComplete(taskId, values);
    assertThat(done.getStatusCode().value()).as("%s completes %s: %s", name, taskId, done.getBody()).isEqualTo(204);
  }

  /** Submits the task's form through /engine-rest (whole numbers typed as Integer); what the engine answers. */
  public ResponseEntity<String> triesToComplete(String taskId, Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((variable, value) -> variables.put(variable, value instanceof Integer
        ? Map.of("value", value, "type", "Integer") : Map.of("value", value)));
    return post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", variables));
  }

  /** The user's credentials and address, for a request the helpers here do not make (a multipart upload). */
  public HttpHeaders headers() {
    HttpHeaders headers = new HttpHeaders();
    if (name != null) {
      headers.setBasicAuth(name, name);
    }
    headers.set("X-Forwarded-For", "10.77.0." + Math.abs((name == null ? "-" : name).hashCode() % 250));
    return headers;
  }
}
