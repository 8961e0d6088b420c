package cn.liaison.platform.campaign.demo;

import cn.liaison.platform.department.Department;
import cn.liaison.platform.department.DepartmentDirectory;
import cn.liaison.platform.department.Departments;
import cn.liaison.platform.department.Signatures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The county finance bureau's own payment system, simulated for the demo (a demo partner, not a fake of the
 * platform's code): with demo data on, dept-finance is registered as a department with its own system whose
 * endpoint is this controller, so subsidy batches leave over the real signed HTTP channel (HttpChannel, operation
 * DISBURSE_SUBSIDY) exactly as in production. The bureau checks the signature, keeps each delivery once (by its
 * Idempotency-Key) and, after a short delay, reports each household's result as a signed PAYMENT_RESULT reply to
 * /api/departments/dept-finance/replies: most PAID with a voucher number, about one in ten FAILED with a reason
 * the bank gives in Henan. Never present without demo data (liaison.demo.enabled) and off with
 * liaison.demo.finance-bureau.enabled=false (the test suite, whose scenarios use the finance inbox).
 */
@RestController
@ConditionalOnExpression("${liaison.demo.enabled:false} and ${liaison.demo.finance-bureau.enabled:true}")
class DemoFinanceBureau {

  static final String PATH = "/api/demo/finance-bureau/payments";
  static final String FINANCE = "dept-finance";
  /** Known to the bureau and stored (encrypted) in the platform's directory; demo only. */
  static final String SECRET = "demo-finance-bureau-signing-key";
  /** What a bank answers in Henan when a 一卡通 payment does not go through. */
  static final List<String> FAILURE_REASONS = List.of("账户已冻结", "户名与账号不符", "社保卡已注销");
  private static final int LINES_PER_REPLY = 500;
  private static final int REPLY_ATTEMPTS = 6;
  private static final Logger log = LoggerFactory.getLogger(DemoFinanceBureau.class);

  private final DepartmentDirectory directory;
  private final Departments departments;
  private final ObjectMapper json;
  private final Clock clock;
  private final ZoneId zone;
  private final Duration delay;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "demo-finance-bureau");
    t.setDaemon(true);
    return t;
  });
  /** The deliveries the bureau has taken, by Idempotency-Key: a repeated delivery pays nobody twice. */
  private final Set<String> taken = ConcurrentHashMap.newKeySet();
  private volatile String platformBase;

  DemoFinanceBureau(DepartmentDirectory directory, Departments departments, ObjectMapper json, Clock clock,
      cn.liaison.platform.calendar.WorkingDayCalendar calendar,
      @Value("${liaison.demo.finance-bureau.delay:PT5S}") Duration delay) {
    this.directory = directory;
    this.departments = departments;
    this.json = json;
    this.clock = clock;
    this.zone = calendar.zone();
    this.delay = delay;
  }

  /** Once the server listens: dept-finance gets its own system, this endpoint (unless it has it already). */
  @EventListener
  void serverStarted(WebServerInitializedEvent event) {
    if (event.getApplicationContext().getServerNamespace() != null) {
      return; // the management server, if separate
    }
    platformBase = "http://localhost:" + event.getWebServer().getPort();
    String endpoint = platformBase + PATH;
    Department finance = departments.findByCode(FINANCE).orElse(null);
    if (finance != null && finance.channel() == Department.Channel.HTTP && endpoint.equals(finance.endpoint())
        && finance.hasSecret()) {
      return;
    }
    directory.save(FINANCE, new DepartmentDirectory.Change(finance == null ? "县财政局" : finance.name(), FINANCE,
        Department.Channel.HTTP.name(), endpoint, 10_000, SECRET, true));
    log.info("演示：县财政局（dept-finance）已对接模拟的财政支付系统 {}，补贴批次经签名 HTTP 发送，约 {} 后逐户回报发放结果",
        endpoint, delay);
  }

  @PostMapping(path = PATH, consumes = "application/json")
  ResponseEntity<Map<String, String>> disburse(
      @RequestHeader(name = Signatures.TIMESTAMP, required = false) String timestamp,
      @RequestHeader(name = Signatures.NONCE, required = false) String nonce,
      @RequestHeader(name = Signatures.SIGNATURE, required = false) String signature,
      @RequestHeader(name = Signatures.IDEMPOTENCY_KEY, required = false) String key,
      @RequestBody byte[] body) throws IOException {
    if (timestamp == null || nonce == null || !Signatures.verify(SECRET, timestamp, nonce, body, signature)) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "签名校验未通过"));
    }
    JsonNode delivery = json.readTree(body);
    if (!"DISBURSE_SUBSIDY".equals(delivery.path("operation").asText())) {
      return ResponseEntity.unprocessableEntity().body(Map.of("error", "财政支付系统只办理补贴发放（DISBURSE_SUBSIDY）"));
    }
    if (key == null || !taken.add(key)) {
      return ResponseEntity.ok(Map.of("status", "DUPLICATE"));
    }
    List<Map<String, Object>> results = results(delivery);
    String reference = delivery.path("reference").asText();
    scheduler.schedule(() -> report(reference, results, 1), delay.toMillis(), TimeUnit.MILLISECONDS);
    return ResponseEntity.accepted().body(Map.of("status", "ACCEPTED"));
  }

  /** Each household of the batch: PAID with a voucher, or (about one in ten) FAILED with the bank's reason. */
  List<Map<String, Object>> results(JsonNode delivery) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    String batch = delivery.path("batchId").asText();
    List<Map<String, Object>> lines = new ArrayList<>();
    int seq = 0;
    for (JsonNode payment : delivery.path("payments")) {
      String householdNo = payment.path("householdNo").asText();
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("householdNo", householdNo);
      // the same household in the same batch always gets the same answer; in a later batch it may go through
      int draw = Math.floorMod((householdNo + "@" + batch).hashCode(), 100);
      if (draw < 10) {
        line.put("status", "FAILED");
        line.put("reason", FAILURE_REASONS.get(draw % FAILURE_REASONS.size()));
      } else {
        line.put("status", "PAID");
        line.put("paidOn", today.toString());
        line.put("voucherNo", "CZ" + today.format(DateTimeFormatter.BASIC_ISO_DATE) + "-" + batch + "-"
            + String.format("%04d", ++seq));
      }
      lines.add(line);
    }
    return lines;
  }

  /** Posts the results, signed, in parts the platform takes; tries again a little later if it is not ready. */
  private void report(String reference, List<Map<String, Object>> results, int attempt) {
    try {
      for (int from = 0; from < results.size(); from += LINES_PER_REPLY) {
        List<Map<String, Object>> part = results.subList(from, Math.min(results.size(), from + LINES_PER_REPLY));
        int status = post(Map.of("ticketNo", reference, "type", "PAYMENT_RESULT", "lines", part));
        if (status != 200) {
          throw new IOException("HTTP " + status);
        }
      }
      log.info("演示财政支付系统已回报 {} 的发放结果（{} 户）", reference, results.size());
    } catch (IOException | RuntimeException e) {
      // e.g. 409 while the platform has not yet committed the batch as sent; results already taken are not retaken
      if (attempt < REPLY_ATTEMPTS) {
        scheduler.schedule(() -> report(reference, results, attempt + 1), delay.toMillis() * attempt,
            TimeUnit.MILLISECONDS);
      } else {
        log.warn("演示财政支付系统未能回报 {} 的发放结果：{}", reference, e.getMessage());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private int post(Map<String, Object> reply) throws IOException, InterruptedException {
    byte[] body = json.writeValueAsBytes(reply);
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    String nonce = UUID.randomUUID().toString();
    HttpRequest request = HttpRequest.newBuilder(URI.create(platformBase + "/api/departments/" + FINANCE + "/replies"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json; charset=utf-8")
        .header(Signatures.TIMESTAMP, timestamp)
        .header(Signatures.NONCE, nonce)
        .header(Signatures.SIGNATURE, Signatures.sign(SECRET, timestamp, nonce, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != 200) {
      log.info("演示财政支付系统回报 {} 未被接收：HTTP {} {}", reply.get("ticketNo"), response.statusCode(), response.body());
    }
    return response.statusCode();
  }

  /** For a test: where the platform listens. */
  void platformAt(String base) {
    this.platformBase = base;
  }

  @PreDestroy
  void stop() {
    scheduler.shutdownNow();
  }
}
