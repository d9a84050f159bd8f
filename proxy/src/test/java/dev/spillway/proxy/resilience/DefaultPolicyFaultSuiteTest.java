package dev.spillway.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.MatchConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.TimeoutOverrides;
import dev.spillway.config.TriggersConfig;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.server.ProxyServer;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.Reply;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The promise on the defaults: a user writes only the two thresholds of the product page ({@code
 * triggers: {latencyP95Ms: 800, errorRate: 0.02}}) — no hedge, timeout, breaker or retry block —
 * and a primary failing in any of these ways is absorbed, plain and streaming: no user sees an
 * error or a bad answer. Two real HTTP servers on loopback play the providers.
 *
 * <p>In the normal build each case sends 100 calls at 50/s into the fault and asserts on what users
 * got; each fault also runs with no RoutingPolicy at all (the built-in default policy). The benchmark mode (100 calls/s for 8 s, p99 during the fault asserted ≤ 120 ms and printed as
 * a table row for docs/benchmarks.md) is:
 *
 * <pre>mvn -B -q -pl proxy -am test -Dtest=DefaultPolicyFaultSuiteTest -Dspillway.faults.benchmark=true \
 *   -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class DefaultPolicyFaultSuiteTest {
  static final boolean BENCHMARK = Boolean.getBoolean("spillway.faults.benchmark");
  static final int RATE = BENCHMARK ? 100 : 50;
  static final int CALLS = BENCHMARK ? 800 : 100;
  static final String GOOD = "fine";
  static final String LOOP = String.join(" ", Collections.nCopies(16, "again"));

  enum Mode {
    PLAIN,
    STREAM
  }

  /** The policy in force: the product page's two thresholds, or no RoutingPolicy at all. */
  enum Policy {
    THRESHOLDS_ONLY,
    BUILT_IN_DEFAULT
  }

  enum Fault {
    HANG,
    SLOW_1500MS,
    ERROR_503,
    RATE_LIMITED_429,
    EMPTY_200,
    DEGENERATE_200,
    CONNECTION_REFUSED,
    RESET_MID_BODY,
    DRIP_A_BYTE_A_SECOND;

    /** What the primary answers during the fault (connection refused has no server to answer). */
    Reply reply(Mode mode) {
      boolean stream = mode == Mode.STREAM;
      return switch (this) {
        case HANG -> Reply.hang();
        case SLOW_1500MS -> good(mode, "primary").after(Duration.ofMillis(1_500));
        case ERROR_503 -> Reply.json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}");
        case RATE_LIMITED_429 -> Reply.json(429, "{\"error\":{\"message\":\"slow down\"}}").header("retry-after", "1");
        case EMPTY_200 -> stream ? Reply.sse(List.of(chunk("{\"role\":\"assistant\",\"content\":\"\"}"), "data: [DONE]"))
            : Reply.json(200, ProxyClient.completion(""));
        case DEGENERATE_200 -> stream ? words(LOOP) : Reply.json(200, ProxyClient.completion(LOOP));
        case CONNECTION_REFUSED -> throw new IllegalStateException("no reply: nothing listens");
        case RESET_MID_BODY -> stream ? good(mode, "primary").cutAfter(1) : good(mode, "primary").cutAfter(40);
        case DRIP_A_BYTE_A_SECOND -> stream ? good(mode, "primary").every(Duration.ofSeconds(1))
            : good(mode, "primary").drip(Duration.ofSeconds(1));
      };
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    String only = System.getProperty("spillway.faults.only");
    // The latency promise is on the thresholds; without any policy, no user may fail either.
    List<Policy> policies = BENCHMARK ? List.of(Policy.THRESHOLDS_ONLY) : List.of(Policy.values());
    for (Policy policy : policies) {
      for (Fault fault : Fault.values()) {
        if (only != null && !fault.name().equals(only)) {
          continue;
        }
        for (Mode mode : Mode.values()) {
          cases.add(Arguments.of(fault, mode, policy));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void usersSeeNoFailureUnderTheDefaultPolicy(Fault fault, Mode mode, Policy policy) throws Exception {
    try (LoopbackHttpServer primary = LoopbackHttpServer.start();
        LoopbackHttpServer backup = LoopbackHttpServer.start();
        ProxyServer proxy = new ProxyServer(new ProxyOptions("127.0.0.1", 0, 1 << 20), ref -> Optional.empty())) {
      primary.always(good(mode, "primary"));
      backup.always(good(mode, "backup"));
      proxy.start();
      proxy.configSink().accept(config(primary.baseUrl(), backup.baseUrl(), policy));
      String body = mode == Mode.STREAM ? ProxyClient.streamBody("chat") : ProxyClient.chatBody("chat");
      ProxyClient client = new ProxyClient(proxy.port());
      // Healthy traffic first, as in production: the targets' latency is learnt (its window rolls
      // every second), the JIT and the connection pools warm.
      long warmUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);
      for (int i = 0; i < 200 || System.nanoTime() < warmUntil; i++) {
        assertThat(client.chat(body).statusCode()).isEqualTo(200);
      }

      if (fault == Fault.CONNECTION_REFUSED) {
        proxy.configSink().accept(config(deadUrl(), backup.baseUrl(), policy)); // same targets, nothing listening
      } else {
        primary.always(fault.reply(mode));
      }
      List<ConstantRateLoad.Sample> samples = new ConstantRateLoad().runCalls(
          URI.create("http://127.0.0.1:" + proxy.port() + "/v1/chat/completions"), body, RATE, (long) CALLS, second -> {});

      List<String> failures = new ArrayList<>();
      Histogram latency = new Histogram(3);
      for (ConstantRateLoad.Sample s : samples) {
        latency.recordValue(TimeUnit.NANOSECONDS.toMicros(s.latencyNanos()));
        String problem = problem(s, mode);
        if (problem != null) {
          failures.add(problem);
        }
      }
      double p99Ms = latency.getValueAtPercentile(99) / 1000.0;
      System.out.printf(Locale.ROOT, "| %s | %s | %s | %d | %d | %.1f | %.1f | %.1f |%n", fault, mode, policy, samples.size(),
          failures.size(), latency.getValueAtPercentile(50) / 1000.0, p99Ms, latency.getMaxValue() / 1000.0);
      assertThat(samples).hasSize(CALLS);
      assertThat(failures).as("user-visible failures during " + fault + " (" + mode + ")").isEmpty();
      if (BENCHMARK) {
        assertThat(p99Ms).as("p99 during the fault (ms)").isLessThanOrEqualTo(120);
      }
    }
  }

  /** What is wrong with what this user got, or null when it was a good answer. */
  private static String problem(ConstantRateLoad.Sample s, Mode mode) {
    if (s.status() != 200) {
      return "status " + s.status() + ": " + s.body();
    }
    if (!s.body().contains(GOOD) || s.body().contains("again again")) {
      return "bad answer: " + s.body();
    }
    if (mode == Mode.STREAM && (!s.body().endsWith("data: [DONE]\n\n") || s.body().contains("\"error\""))) {
      return "broken stream: " + s.body();
    }
    return null;
  }

  /** Only the product page's two thresholds (everything else is the defaults), or no policy at all. */
  static RouterConfig config(String primaryUrl, String backupUrl, Policy policy) {
    ConfigBuilder config = ConfigBuilder.create()
        .account("primary", primaryUrl)
        .account("backup", backupUrl)
        .model("chat", m -> m.target("primary", "fast-1").target("backup", "fast-1"));
    if (policy == Policy.THRESHOLDS_ONLY) {
      config.policy(new PolicyConfig("defaults", 10, MatchConfig.ANY, List.of(), null, 0,
          TimeoutOverrides.NONE, new TriggersConfig(800, 0.02, null), null, null, null, null, null, null));
    }
    return config.build();
  }

  static Reply good(Mode mode, String who) {
    return mode == Mode.STREAM ? words(GOOD + " from " + who) : Reply.json(200, ProxyClient.completion(GOOD + " from " + who));
  }

  /** A stream sending the text word by word, as a model does. */
  static Reply words(String text) {
    List<String> events = new ArrayList<>();
    events.add(chunk("{\"role\":\"assistant\",\"content\":\"\"}"));
    String[] words = text.split(" ");
    for (int i = 0; i < words.length; i++) {
      events.add(chunk("{\"content\":\"" + (i == 0 ? "" : " ") + words[i] + "\"}"));
    }
    events.add("data: {\"id\":\"s\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},"
        + "\"finish_reason\":\"stop\"}]}");
    events.add("data: [DONE]");
    return Reply.sse(events);
  }

  static String chunk(String delta) {
    return "data: {\"id\":\"s\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":" + delta + "}]}";
  }

  /** A loopback address where nothing listens: connecting is refused at once. */
  static String deadUrl() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }
  }
}
