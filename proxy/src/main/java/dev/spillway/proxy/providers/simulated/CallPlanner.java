package dev.spillway.proxy.providers.simulated;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.SimulationConfig;
import dev.spillway.config.SimulationConfig.FaultConfig;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.simulated.CallPlan.Behaviour;
import java.time.Clock;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Decides each call's {@link CallPlan}: the first fault active now wins, otherwise a random failure
 * at {@code errorRate}, otherwise a normal answer after latency plus jitter.
 */
final class CallPlanner {
  private static final int DEFAULT_ERROR_STATUS = 503;
  private static final Duration RATE_LIMIT_RETRY_AFTER = Duration.ofSeconds(1);

  private final SimulationConfig simulation;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final DoubleSupplier random;
  private final long loadedAtMs;

  CallPlanner(SimulationConfig simulation, ObjectMapper mapper, Clock clock, DoubleSupplier random) {
    this.simulation = simulation;
    this.mapper = mapper;
    this.clock = clock;
    this.random = random;
    this.loadedAtMs = clock.millis();
  }

  CallPlan next() {
    long delayMs = simulation.latencyMs() + (long) (random.getAsDouble() * simulation.jitterMs());
    long sinceLoadMs = clock.millis() - loadedAtMs;
    for (FaultConfig fault : simulation.faults()) {
      if (fault.activeAt(sinceLoadMs)) {
        return planFor(fault, delayMs);
      }
    }
    if (simulation.errorRate() > 0 && random.getAsDouble() < simulation.errorRate()) {
      return CallPlan.fail(delayMs, httpFailure(errorStatus(simulation.errorStatus()), null));
    }
    return CallPlan.answer(Behaviour.ANSWER, delayMs);
  }

  private CallPlan planFor(FaultConfig fault, long delayMs) {
    return switch (fault.kind()) {
      case ERROR -> CallPlan.fail(delayMs, httpFailure(errorStatus(fault.status()), null));
      case RATE_LIMIT -> CallPlan.fail(delayMs, httpFailure(429, RATE_LIMIT_RETRY_AFTER));
      case HANG -> CallPlan.answer(Behaviour.HANG, 0);
      case SLOW -> CallPlan.answer(Behaviour.ANSWER, fault.latencyMs());
      case EMPTY -> CallPlan.answer(Behaviour.EMPTY, delayMs);
      case CUT -> CallPlan.answer(Behaviour.CUT, delayMs);
      case REFUSAL -> CallPlan.answer(Behaviour.REFUSAL, delayMs);
      case REPETITION -> CallPlan.answer(Behaviour.REPETITION, delayMs);
      case GIBBERISH -> CallPlan.answer(Behaviour.GIBBERISH, delayMs);
      case BAD_JSON -> CallPlan.answer(Behaviour.BAD_JSON, delayMs);
      case BLACK_IMAGE -> CallPlan.answer(Behaviour.BLACK_IMAGE, delayMs);
      case SILENT_AUDIO -> CallPlan.answer(Behaviour.SILENT_AUDIO, delayMs);
      case ZERO_EMBEDDING -> CallPlan.answer(Behaviour.ZERO_EMBEDDING, delayMs);
      // Video job faults are played by SimulatedVideos; other calls answer normally meanwhile.
      case FAIL_AFTER_ACCEPT, STUCK_QUEUE, BLACK_VIDEO, SHORT_VIDEO, SAME_VIDEO -> CallPlan.answer(Behaviour.ANSWER, delayMs);
    };
  }

  private int errorStatus(int configured) {
    if (configured > 0) {
      return configured;
    }
    return simulation.errorStatus() > 0 ? simulation.errorStatus() : DEFAULT_ERROR_STATUS;
  }

  private ProviderFailure httpFailure(int status, Duration retryAfter) {
    boolean rateLimited = status == 429;
    String type =
        rateLimited ? "rate_limit_error" : status >= 500 ? "server_error" : "invalid_request_error";
    ObjectNode clientError = mapper.createObjectNode();
    clientError
        .putObject("error")
        .put("message", "simulated provider " + (rateLimited ? "rate limit" : "error") + " (" + status + ")")
        .put("type", type)
        .put("code", rateLimited ? "rate_limit_exceeded" : "simulated_" + status);
    return new ProviderFailure(
        ProviderFailure.Kind.HTTP, "http " + status, status, retryAfter, false, clientError);
  }
}
