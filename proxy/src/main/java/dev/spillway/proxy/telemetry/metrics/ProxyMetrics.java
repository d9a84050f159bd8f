package dev.spillway.proxy.telemetry.metrics;

import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.telemetry.AttemptRecord;
import dev.spillway.proxy.telemetry.AttemptRecord.Outcome;
import dev.spillway.proxy.telemetry.CallSummary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The proxy's Micrometer meters. {@code gen_ai.client.*} follow the GenAI semantic conventions
 * (names, units, attributes and the advised bucket boundaries); {@code spillway.*} are ours.
 * Prometheus needs one label set per name, so absent attributes are empty labels (which Prometheus
 * treats as absent).
 */
public final class ProxyMetrics {
  /**
   * The conventions' advised boundaries for gen_ai.client.operation.duration, in seconds; also
   * the buckets of our two latency histograms. Why histograms and not client-side percentiles:
   * Prometheus computes quantiles from buckets at query time ({@code histogram_quantile}, as the
   * chart's dashboard does), summed over replicas, which a summary's per-process quantiles cannot
   * be; and a bucket is one atomic increment a call, where Micrometer's percentiles record every
   * value into three HdrHistogram recorders (its rolling window) on the IO thread.
   */
  private static final Duration[] DURATION_BUCKETS =
      seconds(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);
  /** The conventions' advised boundaries for gen_ai.client.token.usage. */
  private static final double[] TOKEN_BUCKETS = {
    1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864
  };

  /** The duration histograms' bucket boundaries (a copy), for a benchmark that builds such a timer. */
  public static Duration[] durationBuckets() {
    return DURATION_BUCKETS.clone();
  }

  private final MeterRegistry registry;
  private final MultiGauge configInfo;
  // Meters resolved once per label combination: building tags and looking a meter up in the
  // registry cost more than recording into it, on every call. The registry never removes these
  // meters, so a cached one is the registered one. Each map is as large as its meters' label sets.
  private final ConcurrentHashMap<AttemptKey, AttemptMeters> attemptMeters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<RequestKey, RequestMeters> requestMeters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<FailoverKey, Counter> failovers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<HedgeKey, Counter> hedges = new ConcurrentHashMap<>();

  public ProxyMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.configInfo =
        MultiGauge.builder("spillway.config.info")
            .description("The routing config in force (value 1, its version as a label)")
            .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void configLoaded(RouterConfig config) {
    configInfo.register(List.of(MultiGauge.Row.of(Tags.of("version", String.valueOf(config.version())), 1)), true);
  }

  /** @param consumer who the call is from, null when anonymous: a label of the spend it caused */
  public void attemptEnded(AttemptRecord attempt, String consumer) {
    AttemptMeters meters =
        attemptMeters.computeIfAbsent(
            new AttemptKey(
                attempt.providerName(),
                attempt.target().model(),
                attempt.responseModel() == null ? "" : attempt.responseModel(),
                attempt.errorType() == null ? "" : attempt.errorType(),
                attempt.target().id(),
                attempt.account().name(),
                attempt.outcome().label(),
                consumer == null ? "" : consumer),
            AttemptMeters::new);
    meters.operationDuration.record(attempt.durationNanos(), TimeUnit.NANOSECONDS);
    meters.targetDuration.record(attempt.durationNanos(), TimeUnit.NANOSECONDS);
    meters.attempts.increment();
    if (attempt.timeToFirstTokenNanos() >= 0) {
      meters.timeToFirstToken().record(attempt.timeToFirstTokenNanos(), TimeUnit.NANOSECONDS);
    }
    if (attempt.outcome() == Outcome.SUCCESS) {
      meters.inputTokens().record(attempt.usage().promptTokens());
      meters.outputTokens().record(attempt.usage().completionTokens());
      meters.spend().increment(attempt.costUsd());
    }
  }

  public void hedge(String slowTarget, boolean launched) {
    hedges
        .computeIfAbsent(new HedgeKey(slowTarget, launched), key ->
            Counter.builder("spillway.hedges")
                .description("Hedge decisions: a second attempt launched, or not for lack of hedge budget")
                .tags("target", key.target(), "decision", key.launched() ? "launched" : "budget_spent")
                .register(registry))
        .increment();
  }

  public void requestEnded(CallSummary call) {
    requestMeters
        .computeIfAbsent(
            new RequestKey(
                call.policy() == null ? "" : call.policy(),
                call.status(),
                call.servedBy() == null ? "" : call.servedBy().target().id(),
                call.stream(),
                call.consumer() == null ? "" : call.consumer()),
            RequestMeters::new)
        .record(call.latencyNanos());
    // A failover is a failed attempt followed by another one.
    List<AttemptRecord> attempts = call.attempts();
    for (int i = 0; i + 1 < attempts.size(); i++) {
      AttemptRecord from = attempts.get(i);
      failovers
          .computeIfAbsent(new FailoverKey(from.target().id(), from.errorType() == null ? "unknown" : from.errorType()),
              key -> Counter.builder("spillway.failovers")
                  .description("Calls moved on from a target, by target and reason (error.type)")
                  .tags("from", key.from(), "reason", key.reason())
                  .register(registry))
          .increment();
    }
  }

  /** Every label an attempt's meters carry; one {@link AttemptMeters} per distinct combination. */
  private record AttemptKey(
      String provider,
      String requestModel,
      String responseModel,
      String errorType,
      String target,
      String account,
      String outcome,
      String consumer) {}

  /**
   * The meters of one {@link AttemptKey}, registered when first needed: the always-recorded ones
   * at once, the others (first token, tokens, spend) on first use, so no series appears before
   * something was recorded into it — as when each call looked its meters up.
   */
  private final class AttemptMeters {
    private final Tags genAi;
    private final Tags target;
    private final String consumer;
    private final Timer operationDuration;
    private final Timer targetDuration;
    private final Counter attempts;
    private volatile Timer timeToFirstToken;
    private volatile DistributionSummary inputTokens;
    private volatile DistributionSummary outputTokens;
    private volatile Counter spend;

    AttemptMeters(AttemptKey key) {
      genAi =
          Tags.of(
              "gen_ai.operation.name", "chat",
              "gen_ai.provider.name", key.provider(),
              "gen_ai.request.model", key.requestModel(),
              "gen_ai.response.model", key.responseModel());
      target = Tags.of("target", key.target(), "account", key.account());
      consumer = key.consumer();
      operationDuration =
          Timer.builder("gen_ai.client.operation.duration")
              .description("GenAI operation duration (one upstream attempt)")
              .serviceLevelObjectives(DURATION_BUCKETS)
              .tags(genAi.and("error.type", key.errorType()))
              .register(registry);
      targetDuration =
          Timer.builder("spillway.target.duration")
              .description("Upstream attempt latency per target")
              .serviceLevelObjectives(DURATION_BUCKETS)
              .tags(target.and("outcome", key.outcome()))
              .register(registry);
      attempts =
          Counter.builder("spillway.target.attempts")
              .description("Upstream attempts per target and outcome (error rate = failure / all)")
              .tags(target.and("outcome", key.outcome(), "error.type", key.errorType()))
              .register(registry);
    }

    // The registry hands every racer the same meter, so a lost race only repeats a lookup.
    Timer timeToFirstToken() {
      Timer timer = timeToFirstToken;
      if (timer == null) {
        timer =
            Timer.builder("spillway.time_to_first_token")
                .description("Time from the upstream call to its first content token (streams)")
                .serviceLevelObjectives(DURATION_BUCKETS)
                .tags(target)
                .register(registry);
        timeToFirstToken = timer;
      }
      return timer;
    }

    DistributionSummary inputTokens() {
      DistributionSummary summary = inputTokens;
      if (summary == null) {
        inputTokens = summary = tokens("input");
      }
      return summary;
    }

    DistributionSummary outputTokens() {
      DistributionSummary summary = outputTokens;
      if (summary == null) {
        outputTokens = summary = tokens("output");
      }
      return summary;
    }

    Counter spend() {
      Counter counter = spend;
      if (counter == null) {
        counter =
            Counter.builder("spillway.spend")
                .baseUnit("usd")
                .description("Spend in US dollars, from token usage and the target's prices, by consumer")
                .tags(target.and("consumer", consumer))
                .register(registry);
        spend = counter;
      }
      return counter;
    }

    private DistributionSummary tokens(String type) {
      return DistributionSummary.builder("gen_ai.client.token.usage")
          .description("Number of input and output tokens used")
          .serviceLevelObjectives(TOKEN_BUCKETS)
          .tags(genAi.and("gen_ai.token.type", type))
          .register(registry);
    }
  }

  private record RequestKey(String policy, int status, String servedBy, boolean stream, String consumer) {}

  private final class RequestMeters {
    private final Counter requests;
    private final Timer duration;

    RequestMeters(RequestKey key) {
      requests =
          Counter.builder("spillway.requests")
              .description("Calls answered, by policy, status, serving target and consumer")
              .tags("policy", key.policy(), "status", Integer.toString(key.status()), "served_by", key.servedBy(),
                  "consumer", key.consumer())
              .register(registry);
      duration =
          Timer.builder("spillway.request.duration")
              .description("Whole-call latency as the client sees it")
              .serviceLevelObjectives(DURATION_BUCKETS)
              .tags("policy", key.policy(), "stream", Boolean.toString(key.stream()))
              .register(registry);
    }

    void record(long latencyNanos) {
      requests.increment();
      duration.record(latencyNanos, TimeUnit.NANOSECONDS);
    }
  }

  private record HedgeKey(String target, boolean launched) {}

  private record FailoverKey(String from, String reason) {}

  private static Duration[] seconds(double... values) {
    Duration[] out = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Duration.ofNanos((long) (values[i] * 1e9));
    }
    return out;
  }
}
