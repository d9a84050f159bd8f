package dev.spillway.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WrkTest {
  /** wrk 4.1.0's output, as Debian's package prints it. */
  private static final String OUT = """
      Running 5s test @ http://127.0.0.1:40111/v1/chat/completions
        2 threads and 16 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency     1.10ms    1.02ms  30.11ms   95.12%
          Req/Sec     7.71k   831.00     9.13k    72.00%
        76715 requests in 5.00s, 36.07MB read
        Non-2xx or 3xx responses: 3
      Requests/sec:  15338.46
      Transfer/sec:      7.21MB
      """;

  @Test
  void readsTheRateTheErrorsAndHowManyCallsCompleted() {
    Wrk.Result result = Wrk.parse(OUT);
    assertThat(result.requestsPerSecond()).isEqualTo(15338.46);
    assertThat(result.errors()).isEqualTo(3);
    assertThat(result.calls()).isEqualTo(76715);
  }
}
