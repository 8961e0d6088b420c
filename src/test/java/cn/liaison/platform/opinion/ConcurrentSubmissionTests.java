package cn.liaison.platform.opinion;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.system.RateLimiter;
import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ticket numbers under load (issue 10): a submission takes its number on its own connection, so many more
 * concurrent submissions than pooled connections all succeed, with distinct, gap-free numbers; a submission that
 * waits too long for the counter ends in 503, never 500.
 *
 * <p>The pool is shrunk to 2 at run time (HikariConfigMXBean) in the context the opinion tests already share,
 * instead of a context of its own with a pool of 2 (another ~15 s of start-up); it is restored afterwards. With
 * the old counter (REQUIRES_NEW: a second connection per submission) both connections wait for a third until
 * Hikari's connection timeout and this test fails after 30 s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ConcurrentSubmissionTests {

  static final int SUBMISSIONS = 200;
  static final int POOL = 2;

  @Autowired OpinionService opinions;
  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired TestRestTemplate http;
  @Autowired RateLimiter rateLimiter;

  @Test
  void twoHundredConcurrentSubmissionsWithAPoolOfTwoConnectionsAllSucceedWithDistinctGapFreeNumbers()
      throws Exception {
    HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
    HikariConfigMXBean pool = hikari.getHikariConfigMXBean();
    int maximum = pool.getMaximumPoolSize();
    int minimumIdle = pool.getMinimumIdle();
    ExecutorService submitters = Executors.newFixedThreadPool(SUBMISSIONS);
    AtomicInteger mostConnections = new AtomicInteger();
    try {
      pool.setMinimumIdle(POOL);
      pool.setMaximumPoolSize(POOL);
      hikari.getHikariPoolMXBean().softEvictConnections();
      await(() -> hikari.getHikariPoolMXBean().getTotalConnections() <= POOL);

      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> tickets = new ArrayList<>();
      for (int i = 0; i < SUBMISSIONS; i++) {
        int n = i;
        tickets.add(submitters.submit(() -> {
          go.await();
          String ticket = opinions.submit(new OpinionSubmission("cy-crane", "IRRIGATION",
              "第 " + n + " 条：村口的灌溉渠堵塞了，请尽快疏通。", "长垣市恼里镇某村", null, null, true, true,
              Channel.QR_CODE), null).ticketNo();
          mostConnections.accumulateAndGet(hikari.getHikariPoolMXBean().getTotalConnections(), Math::max);
          return ticket;
        }));
      }
      long started = System.nanoTime();
      go.countDown();
      submitters.shutdown();
      assertThat(submitters.awaitTermination(3, TimeUnit.MINUTES)).as("all submissions done").isTrue();
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

      Set<String> distinct = new TreeSet<>();
      for (Future<String> ticket : tickets) {
        distinct.add(ticket.get()); // rethrows a failed submission
      }
      System.out.printf("%d concurrent submissions on a pool of %d connections (%s): %d ms%n", SUBMISSIONS, POOL,
          hikari.getJdbcUrl().startsWith("jdbc:h2") ? "H2" : "PostgreSQL", millis);
      assertThat(distinct).hasSize(SUBMISSIONS).allMatch(t -> OpinionService.TICKET.matcher(t).matches());
      assertThat(mostConnections.get()).as("connections in the pool").isLessThanOrEqualTo(POOL);
      // one day (unless the run crosses midnight): numbers follow each other without a gap
      if (distinct.stream().map(t -> t.substring(0, 10)).distinct().count() == 1) {
        List<Integer> numbers = distinct.stream().map(t -> Integer.parseInt(t.substring(11))).sorted().toList();
        assertThat(numbers.get(numbers.size() - 1) - numbers.get(0)).isEqualTo(SUBMISSIONS - 1);
      }
    } finally {
      submitters.shutdownNow();
      pool.setMaximumPoolSize(maximum);
      pool.setMinimumIdle(minimumIdle);
    }
  }

  /** A submission gives up waiting for the counter row after a lock timeout, three times: 503, nothing stored. */
  @Test
  void submissionThatWaitsTooLongForItsNumberIsAnsweredWithServiceUnavailableAndStoresNothing() throws Exception {
    rateLimiter.reset();
    String first = opinions.submit(new OpinionSubmission("cy-crane", "IRRIGATION", "今天的计数行由这一条意见建立起来。",
        "长垣市恼里镇某村", null, null, true, true, Channel.QR_CODE), null).ticketNo();
    LocalDate day = LocalDate.parse(first.substring(2, 10), DateTimeFormatter.BASIC_ISO_DATE);
    int before = jdbc.queryForObject("SELECT COUNT(*) FROM opinion", Integer.class);

    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder = new Thread(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
      jdbc.update("UPDATE ticket_counter SET last_no = last_no WHERE counter_day = ?", day);
      locked.countDown();
      try {
        release.await(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      tx.setRollbackOnly();
    }));
    holder.start();
    try {
      assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
      // the JDK's client: it does not retry a 503 by itself as TestRestTemplate's Apache client would
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create(http.getRootUri() + "/api/opinions")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JsonBodies.bytes(Map.of("stationCode", "cy-crane",
              "category", "IRRIGATION", "content", "计数行被占用时提交的这条意见应当被婉拒。",
              "place", "长垣市恼里镇某村", "anonymous", true, "consent", true)))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.value());
      assertThat(response.headers().firstValue(HttpHeaders.RETRY_AFTER)).isPresent();
      assertThat(response.body()).contains("请稍后再试");
    } finally {
      release.countDown();
      holder.join();
    }
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM opinion", Integer.class)).isEqualTo(before);
  }

  private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
