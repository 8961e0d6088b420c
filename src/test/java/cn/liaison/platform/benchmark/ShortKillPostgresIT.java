package cn.liaison.platform.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.PostgresSupport;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The short version of the load suite's kill -9 ({@link LoadAndFaultBenchmark}, issue 10): two platform processes
 * on one PostgreSQL database, 20 opinion loops through a department system over HTTP; one node gets SIGKILL when
 * half the items have reached the department and is started again. Every loop finishes, each item reaches the
 * department under one idempotency key, no opinion is without its process, no 5xx other than 503, and the jobs
 * the dead node held are done within 60 s. Takes about three minutes (three node starts).
 */
@ExtendWith(PostgresSupport.class)
class ShortKillPostgresIT {

  @Test
  void twoNodesOneKilledEveryLoopFinishesAndEveryItemIsHandedOverOnce() throws Exception {
    String loops = System.getProperty("load.loops");
    System.setProperty("load.loops", "20");
    try {
      assertThat(new LoadAndFaultBenchmark().run(List.of("kill"))).as("invariants").isEmpty();
    } finally {
      if (loops == null) {
        System.clearProperty("load.loops");
      } else {
        System.setProperty("load.loops", loops);
      }
    }
  }
}
