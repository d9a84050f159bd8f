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
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The proxy's Micrometer meters. {@code gen_ai.client.*} follow the GenAI semantic conventions
 * (names, units, attributes and the advised bucket boundaries); {@code spillway.*} are ours.
 * Prometheus needs one label set per name, so absent attributes are empty labels (which Prometheus
 * treats as absent).
 */
public final class ProxyMetrics {
  /** The conventions' advised boundaries for gen_ai.client.operation.duration, in seconds. */
  private static final Duration[] DURATION_BUCKETS =
      seconds(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);
  /** The conventions' advised boundaries for gen_ai.client.token.usage. */
  private static final double[] TOKEN_BUCKETS = {
    1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864
  };

  private final MeterRegistry registry;
  private final MultiGauge configInfo;

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

  public void attemptEnded(AttemptRecord attempt) {
    String responseModel = attempt.responseModel() == null ? "" : attempt.responseModel();
    Tags genAi =
        Tags.of(
            "gen_ai.operation.name", "chat",
            "gen_ai.provider.name", attempt.providerName(),
            "gen_ai.request.model", attempt.target().model(),
            "gen_ai.response.model", responseModel);
    String errorType = attempt.errorType() == null ? "" : attempt.errorType();
    Timer.builder("gen_ai.client.operation.duration")
        .description("GenAI operation duration (one upstream attempt)")
        .serviceLevelObjectives(DURATION_BUCKETS)
        .tags(genAi.and("error.type", errorType))
        .register(registry)
        .record(attempt.durationNanos(), TimeUnit.NANOSECONDS);
    Tags target = Tags.of("target", attempt.target().id(), "account", attempt.account().name());
    String outcome = attempt.outcome().name().toLowerCase(Locale.ROOT);
    Timer.builder("spillway.target.duration")
        .description("Upstream attempt latency per target")
        .publishPercentiles(0.5, 0.95, 0.99)
        .tags(target.and("outcome", outcome))
        .register(registry)
        .record(attempt.durationNanos(), TimeUnit.NANOSECONDS);
    Counter.builder("spillway.target.attempts")
        .description("Upstream attempts per target and outcome (error rate = failure / all)")
        .tags(target.and("outcome", outcome, "error.type", errorType))
        .register(registry)
        .increment();
    if (attempt.timeToFirstTokenNanos() >= 0) {
      Timer.builder("spillway.time_to_first_token")
          .description("Time from the upstream call to its first content token (streams)")
          .serviceLevelObjectives(DURATION_BUCKETS)
          .tags(target)
          .register(registry)
          .record(attempt.timeToFirstTokenNanos(), TimeUnit.NANOSECONDS);
    }
    if (attempt.outcome() == Outcome.SUCCESS) {
      tokens(genAi, "input", attempt.usage().promptTokens());
      tokens(genAi, "output", attempt.usage().completionTokens());
      Counter.builder("spillway.spend")
          .baseUnit("usd")
          .description("Spend in US dollars, from token usage and the target's prices")
          .tags(target)
          .register(registry)
          .increment(attempt.costUsd());
    }
  }

  public void hedge(String slowTarget, boolean launched) {
    Counter.builder("spillway.hedges")
        .description("Hedge decisions: a second attempt launched, or not for lack of hedge budget")
        .tags("target", slowTarget, "decision", launched ? "launched" : "budget_spent")
        .register(registry)
        .increment();
  }

  private void tokens(Tags genAi, String type, long count) {
    DistributionSummary.builder("gen_ai.client.token.usage")
        .description("Number of input and output tokens used")
        .serviceLevelObjectives(TOKEN_BUCKETS)
        .tags(genAi.and("gen_ai.token.type", type))
        .register(registry)
        .record(count);
  }

  public void requestEnded(CallSummary call) {
    String policy = call.policy() == null ? "" : call.policy();
    Counter.builder("spillway.requests")
        .description("Calls answered, by policy, status and serving target")
        .tags("policy", policy, "status", Integer.toString(call.status()),
            "served_by", call.servedBy() == null ? "" : call.servedBy().target().id())
        .register(registry)
        .increment();
    Timer.builder("spillway.request.duration")
        .description("Whole-call latency as the client sees it")
        .publishPercentiles(0.5, 0.95, 0.99)
        .tags("policy", policy, "stream", Boolean.toString(call.stream()))
        .register(registry)
        .record(call.latencyNanos(), TimeUnit.NANOSECONDS);
    // A failover is a failed attempt followed by another one.
    List<AttemptRecord> attempts = call.attempts();
    for (int i = 0; i + 1 < attempts.size(); i++) {
      AttemptRecord from = attempts.get(i);
      Counter.builder("spillway.failovers")
          .description("Calls moved on from a target, by target and reason (error.type)")
          .tags("from", from.target().id(), "reason", from.errorType() == null ? "unknown" : from.errorType())
          .register(registry)
          .increment();
    }
  }

  private static Duration[] seconds(double... values) {
    Duration[] out = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Duration.ofNanos((long) (values[i] * 1e9));
    }
    return out;
  }
}
