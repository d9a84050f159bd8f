package dev.spillway.proxy.telemetry;

import dev.spillway.proxy.testing.ProxyClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

/**
 * Closed-loop load on one proxy: {@code connections} clients, each sending chat calls back to back
 * until told to stop, latencies kept for percentiles.
 */
final class TracingLoad {
  record Result(long served, long failed, double seconds, long[] latenciesNanos) {
    double perSecond() {
      return served / seconds;
    }

    /** The latency at quantile q, in microseconds. */
    double micros(double q) {
      if (latenciesNanos.length == 0) {
        return 0;
      }
      long[] sorted = latenciesNanos.clone();
      Arrays.sort(sorted);
      return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1000d;
    }
  }

  private TracingLoad() {}

  /**
   * @param keepGoing given the calls sent so far, whether to send another
   */
  static Result run(int port, int connections, LongPredicate keepGoing) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(connections);
    AtomicLong sent = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    String body = ProxyClient.chatBody("chat");
    long start = System.nanoTime();
    try {
      List<Future<long[]>> workers = new ArrayList<>();
      for (int c = 0; c < connections; c++) {
        workers.add(threads.submit(() -> {
          ProxyClient client = new ProxyClient(port);
          long[] latencies = new long[1024];
          int count = 0;
          while (keepGoing.test(sent.getAndIncrement())) {
            long t0 = System.nanoTime();
            HttpResponse<String> response = client.chat(body);
            long took = System.nanoTime() - t0;
            if (response.statusCode() != 200) {
              failed.incrementAndGet();
              continue;
            }
            if (count == latencies.length) {
              latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = took;
          }
          return Arrays.copyOf(latencies, count);
        }));
      }
      long[] all = new long[0];
      for (Future<long[]> worker : workers) {
        long[] some = worker.get();
        long[] merged = Arrays.copyOf(all, all.length + some.length);
        System.arraycopy(some, 0, merged, all.length, some.length);
        all = merged;
      }
      return new Result(all.length, failed.get(), (System.nanoTime() - start) / 1e9, all);
    } finally {
      threads.shutdownNow();
    }
  }
}
