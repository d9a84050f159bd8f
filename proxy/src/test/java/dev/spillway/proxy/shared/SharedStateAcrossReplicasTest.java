package dev.spillway.proxy.shared;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static dev.spillway.proxy.testing.ProxyClient.completion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.config.BudgetConfig;
import dev.spillway.config.LimitsConfig;
import dev.spillway.config.PricingConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.server.ProxyServer;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.MutableClock;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.RedisProcess;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three replicas (separate servers and engines in one JVM) on one real Redis: the limit, the budget
 * and an open circuit hold across them, and a Redis outage under steady traffic fails no call.
 * The replicas share one frozen clock, so the minute's bucket does not refill during the test and
 * "at most 600 in the minute" is exact.
 */
class SharedStateAcrossReplicasTest {
  private static final int REPLICAS = 3;
  /** Reserves 5 tokens (no prompt tokens for "hi", 5 to complete); the upstream answers with 5. */
  private static final String CENT_CALL =
      "{\"model\":\"chat\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  private final MutableClock clock = new MutableClock();
  private final List<ProxyServer> proxies = new ArrayList<>();
  private final List<ProxyClient> clients = new ArrayList<>();
  private final ExecutorService callers = Executors.newFixedThreadPool(12);
  private RedisProcess redis;
  private LoopbackHttpServer limited;
  private LoopbackHttpServer spill;

  @BeforeEach
  void start() {
    redis = RedisProcess.start();
    limited = LoopbackHttpServer.start();
    spill = LoopbackHttpServer.start();
    limited.always(Reply.json(200, completion("limited")));
    spill.always(Reply.json(200, completion("spill")));
    ProxyOptions options = new ProxyOptions("127.0.0.1", 0, 64 * 1024)
        .withSharedState(SharedStateOptions.parse(redis.url(), null, "test"));
    for (int i = 0; i < REPLICAS; i++) {
      ProxyServer proxy = new ProxyServer(options, ref -> Optional.empty(), clock);
      proxy.start();
      proxies.add(proxy);
      clients.add(new ProxyClient(proxy.port()));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> proxies.stream().allMatch(p -> shared(p).up()
        && shared(p).replicas() == REPLICAS));
  }

  @AfterEach
  void stop() {
    callers.shutdownNow();
    proxies.forEach(ProxyServer::close);
    limited.close();
    spill.close();
    redis.close();
  }

  private void load(RouterConfig config) {
    proxies.forEach(p -> p.configSink().accept(config));
  }

  private static SharedState shared(ProxyServer proxy) {
    return proxy.engine().orElseThrow().shared().orElseThrow();
  }

  @Test
  void threeThousandCallsAcrossThreeReplicasGiveTheAccountAtMostItsSixHundredPerMinute() throws Exception {
    load(ConfigBuilder.create()
        .account("limited", limited.baseUrl(), new LimitsConfig(600, 0), null)
        .account("spill", spill.baseUrl())
        .model("chat", m -> m.target("limited", "a").target("spill", "b"))
        .build());

    long started = System.nanoTime();
    List<Integer> statuses = callAll(3_000, chatBody("chat"));
    double seconds = (System.nanoTime() - started) / 1e9;

    assertThat(statuses).as("every call answered").containsOnly(200);
    // A token bucket of 600 refilled at 10 a second: a full bucket, plus what refilled while the
    // calls ran (on a slow machine the run takes seconds, and each one rightly lets 10 more through).
    long allowed = 600 + (long) Math.ceil(seconds * 10);
    assertThat(limited.requestCount()).as("the limited account's minute, across replicas, over %.2f s", seconds)
        .isBetween(1, (int) allowed);
    assertThat(limited.requestCount() + spill.requestCount()).as("the rest spilled").isEqualTo(3_000);
  }

  @Test
  void aOneDollarBudgetIsNotOverspentAcrossReplicas() throws Exception {
    PricingConfig cent = new PricingConfig(2_000, 2_000, 0); // 5 tokens a call, estimated and used: 0.01 USD
    load(ConfigBuilder.create()
        .account("paid", limited.baseUrl(), null, new BudgetConfig(1.0, "monthly", List.of(50), "block"))
        .account("spill", spill.baseUrl())
        .model("chat", m -> m.target("paid", "a", cent).target("spill", "b", cent))
        .build());

    List<Integer> statuses = callAll(300, CENT_CALL);

    double spent = proxies.stream()
        .mapToDouble(p -> p.engine().orElseThrow().stats().stream()
            .filter(v -> v.target().equals("paid/a")).findFirst().orElseThrow().spentUsd())
        .sum();
    assertThat(statuses).containsOnly(200);
    // In whole cents: the sum of 101 cent-sized doubles is 1.0100000000000005, not 1.01.
    assertThat(Math.round(spent * 100)).as("cents spent on the budgeted account, all replicas (one call over at most)")
        .isLessThanOrEqualTo(100 + 1);
    assertThat(spent).as("the budget was used, not refused early").isGreaterThan(0.9);
    assertThat(spill.requestCount()).as("the rest spilled once the budget was spent").isPositive();
  }

  @Test
  void aCircuitOpenedOnOneReplicaIsSkippedByAnotherWithinAFewTicks() throws Exception {
    load(ConfigBuilder.create()
        .account("flaky", limited.baseUrl())
        .account("spill", spill.baseUrl())
        .model("chat", m -> m.target("flaky", "a").target("spill", "b"))
        .build());
    ProxyClient a = clients.get(0);
    ProxyClient b = clients.get(1);
    limited.always(Reply.json(503, "{}"));
    for (int i = 0; i < 5; i++) { // the default breaker opens after 5 failures in a row
      assertThat(a.chat(chatBody("chat")).statusCode()).isEqualTo(200);
    }
    assertThat(state(proxies.get(0), "flaky/a")).isEqualTo("OPEN");
    limited.always(Reply.json(200, completion("healthy again"))); // only the breaker keeps B away now
    long opened = System.nanoTime();

    // The mark travels on B's next tick (every 250 ms, docs/shared-state.md). The bound is 20 ticks:
    // on a loaded machine a tick and the polling calls can each take hundreds of ms (1.026 s was
    // seen against a 1 s bound), and without sharing B would call the healthy target forever (the
    // frozen clock never ends the cool-down).
    Duration bound = Duration.ofSeconds(5);
    await().atMost(bound).pollInterval(Duration.ofMillis(20)).until(() -> {
      HttpResponse<String> response = b.chat(chatBody("chat"));
      return response.headers().firstValue("x-spillway-served-by").orElse("").equals("spill/b");
    });

    assertThat(Duration.ofNanos(System.nanoTime() - opened)).isLessThan(bound);
    assertThat(state(proxies.get(1), "flaky/a")).as("B's own breaker never saw a failure").isEqualTo("CLOSED");
  }

  @Test
  void redisGoingAwayUnderSteadyTrafficFailsNoCallAndSharingResumesWhenItReturns() throws Exception {
    load(ConfigBuilder.create()
        .account("limited", limited.baseUrl(), new LimitsConfig(600, 0), null)
        .account("spill", spill.baseUrl())
        .model("chat", m -> m.target("limited", "a").target("spill", "b"))
        .build());
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger ok = new AtomicInteger();
    List<Integer> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Future<?>> traffic = new ArrayList<>();
    for (ProxyClient client : clients) {
      traffic.add(callers.submit(() -> {
        while (running.get()) {
          int status = client.chat(chatBody("chat")).statusCode();
          if (status == 200) {
            ok.incrementAndGet();
          } else {
            failures.add(status);
          }
        }
        return null;
      }));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> ok.get() >= 100);

    redis.stop();
    await().atMost(Duration.ofSeconds(10)).until(() -> proxies.stream().noneMatch(p -> shared(p).up()));
    int atOutage = ok.get();
    await().atMost(Duration.ofSeconds(20)).until(() -> ok.get() >= atOutage + 300);
    for (ProxyServer proxy : proxies) {
      String metrics = new ProxyClient(proxy.adminPort()).get("/metrics").body();
      assertThat(metrics).contains("spillway_shared_state_up 0.0");
      assertThat(localDecisions(metrics)).as("admissions decided locally").isPositive();
    }
    assertThat(limited.requestCount()).as("local shares: 600 divided by 3 replicas, each")
        .isLessThanOrEqualTo(600 + 600);

    redis.restart();
    await().atMost(Duration.ofSeconds(10)).until(() -> proxies.stream().allMatch(p -> shared(p).up()));
    int atReturn = ok.get();
    await().atMost(Duration.ofSeconds(20)).until(() -> ok.get() >= atReturn + 100);
    running.set(false);
    for (Future<?> caller : traffic) {
      caller.get();
    }

    assertThat(failures).as("no call failed while Redis was gone or back").isEmpty();
    for (ProxyServer proxy : proxies) {
      assertThat(new ProxyClient(proxy.adminPort()).get("/metrics").body()).contains("spillway_shared_state_up 1.0");
    }
    assertThat(redisHasKey("test:limits:account:limited:requests")).as("limits shared again").isTrue();
  }

  private static double localDecisions(String metrics) {
    return metrics.lines().filter(l -> l.startsWith("spillway_shared_state_local_decisions_total"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private boolean redisHasKey(String key) {
    io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(redis.url());
    try (var connection = client.connect()) {
      return connection.sync().exists(key) == 1;
    } finally {
      client.shutdown();
    }
  }

  private static String state(ProxyServer proxy, String target) {
    return proxy.engine().orElseThrow().stats().stream().filter(v -> v.target().equals(target))
        .findFirst().orElseThrow().circuit();
  }

  /** {@code count} calls spread round-robin over the replicas, 12 at a time: their statuses. */
  private List<Integer> callAll(int count, String body) throws Exception {
    List<Future<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ProxyClient client = clients.get(i % REPLICAS);
      calls.add(callers.submit(() -> client.chat(body).statusCode()));
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> call : calls) {
      statuses.add(call.get());
    }
    return statuses;
  }
}
