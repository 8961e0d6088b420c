package cn.liaison.platform.department;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Calls a department's own system: POST {endpoint} with a signed JSON body. Any 2xx is accepted. 4xx answers
 * that will never succeed fail at once (incident); 5xx, 408, 429, timeouts and refused connections are retried
 * by the step's retry cycle. Every attempt is logged in department_call in its own transaction, so failed
 * attempts stay visible. The idempotency key is the same on every retry of the step, so a department that
 * received a request whose answer was lost sees the repeat as the same request.
 */
@Component
class HttpChannel implements DepartmentChannel {

  private static final Logger log = LoggerFactory.getLogger(HttpChannel.class);

  private final Departments departments;
  private final ObjectMapper json;
  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final String publicBaseUrl;
  private final Map<Integer, HttpClient> clients = new ConcurrentHashMap<>();

  private final java.time.Clock clock;

  HttpChannel(java.time.Clock clock, Departments departments, ObjectMapper json, JdbcClient jdbc, PlatformTransactionManager transactions,
      @Value("${liaison.public-base-url:http://localhost:8080}") String publicBaseUrl) {
    this.clock = clock;
    this.departments = departments;
    this.json = json;
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.publicBaseUrl = publicBaseUrl;
  }

  @Override
  public void send(Department department, DepartmentRequest request) {
    if (department.endpoint() == null || department.endpoint().isBlank()) {
      throw DepartmentCallFailedException.permanent(department.name() + "未配置系统接口地址（endpoint）");
    }
    String secret;
    try {
      secret = departments.secretOf(department.code()).orElseThrow(() ->
          DepartmentCallFailedException.permanent(department.name() + "未配置签名密钥"));
    } catch (IllegalStateException e) {
      throw DepartmentCallFailedException.permanent(department.name() + "的签名密钥无法解密：" + e.getMessage());
    }
    byte[] body = body(department, request);
    // the protocol's timestamp: compared with the department's wall clock, so not the engine's
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    String nonce = UUID.randomUUID().toString();
    HttpRequest http = HttpRequest.newBuilder(URI.create(department.endpoint()))
        .timeout(Duration.ofMillis(department.timeoutMillis()))
        .header("Content-Type", "application/json; charset=utf-8")
        .header(Signatures.IDEMPOTENCY_KEY, request.idempotencyKey())
        .header(Signatures.TIMESTAMP, timestamp)
        .header(Signatures.NONCE, nonce)
        .header(Signatures.SIGNATURE, Signatures.sign(secret, timestamp, nonce, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    long started = System.nanoTime();
    int status;
    try {
      status = client(department.timeoutMillis()).send(http, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (HttpConnectTimeoutException e) {
      throw failed(department, request, started, null, "连接超时", true, e);
    } catch (HttpTimeoutException e) {
      throw failed(department, request, started, null, "响应超时（" + department.timeoutMillis() + " 毫秒）", true, e);
    } catch (ConnectException e) {
      throw failed(department, request, started, null, "无法连接（连接被拒绝）", true, e);
    } catch (IOException e) {
      throw failed(department, request, started, null, "通信失败：" + e.getClass().getSimpleName(), true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(department, request, started, null, "调用被中断", true, e);
    }
    if (status >= 200 && status < 300) {
      record(department, request, started, status, "ACCEPTED", null);
      return;
    }
    boolean retryable = status >= 500 || status == 408 || status == 429;
    throw failed(department, request, started, status, "返回 HTTP " + status, retryable, null);
  }

  private byte[] body(Department department, DepartmentRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("operation", request.operation());
    body.put("reference", request.reference());
    body.put("deadline", request.deadline() == null ? null : request.deadline().toString());
    body.putAll(request.payload());
    body.put("replyUrl", publicBaseUrl + "/api/departments/" + department.code() + "/replies");
    try {
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private DepartmentCallFailedException failed(Department department, DepartmentRequest request, long started,
      Integer status, String what, boolean retryable, Throwable cause) {
    String message = department.name() + "（" + department.code() + "）系统" + what + "，操作 " + request.operation()
        + "，编号 " + request.reference() + (retryable ? "，属临时故障：自动重试，次数用完后请在 Cockpit 中重试" : "，重试无益，请核对后在 Cockpit 中重试");
    record(department, request, started, status, retryable ? "RETRYABLE" : "FAILED", what);
    log.warn("department call failed: {} {} {} status={} {}", department.code(), request.operation(),
        request.reference(), status, what);
    return retryable ? new DepartmentCallFailedException(message, true, cause)
        : DepartmentCallFailedException.permanent(message);
  }

  private void record(Department department, DepartmentRequest request, long started, Integer status, String outcome,
      String error) {
    int millis = (int) Duration.ofNanos(System.nanoTime() - started).toMillis();
    ownTransaction.executeWithoutResult(tx -> jdbc.sql("INSERT INTO department_call (idempotency_key, department_code, "
        + "operation, reference, endpoint, http_status, outcome, error, duration_millis, called_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(request.idempotencyKey(), department.code(), request.operation(), request.reference(),
            department.endpoint(), status, outcome, error, millis, Timestamp.from(clock.instant()))
        .update());
  }

  private HttpClient client(int timeoutMillis) {
    return clients.computeIfAbsent(timeoutMillis, t -> HttpClient.newBuilder()
        .connectTimeout(Duration.ofMillis(Math.min(t, 10_000)))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build());
  }
}
