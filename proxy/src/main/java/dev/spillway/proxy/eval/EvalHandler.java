package dev.spillway.proxy.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.config.ConfigJson;
import dev.spillway.config.rollout.EvalSetConfig;
import dev.spillway.config.rollout.RolloutConfig;
import dev.spillway.proxy.config.Snapshot;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.http.RequestBodyReader;
import dev.spillway.proxy.http.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * {@code POST /v1/spillway/evals} (admin side): runs a compiled rollout's EvalSet here, where the
 * credentials are, and answers the {@link EvalReport}. The operator sends
 * {@code {"rollout": RolloutConfig, "evalSet": EvalSetConfig}} as its compiler made them; the
 * targets are called with this replica's config and keys. A few runs at a time, each bounded.
 */
public final class EvalHandler implements HttpHandler {
  static final int MAX_CONCURRENT_RUNS = 2;
  static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

  private final Supplier<Optional<Snapshot>> snapshots;
  private final TargetCaller caller;
  private final Semaphore runs = new Semaphore(MAX_CONCURRENT_RUNS);

  public EvalHandler(Supplier<Optional<Snapshot>> snapshots, TargetCaller caller) {
    this.snapshots = snapshots;
    this.caller = caller;
  }

  /** What the operator sends. */
  public record EvalRequest(RolloutConfig rollout, EvalSetConfig evalSet) {}

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    EvalRequest request = parse(exchange.getAttachment(RequestBodyReader.BODY));
    Snapshot snapshot = snapshots.get().orElseThrow(() ->
        ApiError.of(503, "server_error", "not_ready", null, "No routing configuration is loaded yet"));
    if (!runs.tryAcquire()) {
      throw ApiError.of(429, "rate_limit_error", "eval_runs_busy", null,
          MAX_CONCURRENT_RUNS + " eval runs are already in progress on this replica").retryAfter(Duration.ofSeconds(10));
    }
    var report = new EvalRunner(snapshot.config(), caller, Json.MAPPER, EvalRunner.DEFAULT_MAX_IN_FLIGHT)
        .run(request.rollout(), request.evalSet())
        .orTimeout(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((done, error) -> runs.release());
    exchange.dispatch(SameThreadExecutor.INSTANCE, () -> report.whenComplete((done, error) -> {
      if (error == null) {
        Responses.json(exchange, 200, Map.of("cache-control", "no-store"), Json.MAPPER.valueToTree(done));
      } else {
        Responses.error(exchange, failure(error));
      }
    }));
  }

  private static EvalRequest parse(byte[] body) {
    EvalRequest request;
    try {
      ObjectMapper mapper = ConfigJson.mapper();
      request = mapper.readValue(body, EvalRequest.class);
    } catch (IOException bad) {
      throw ApiError.invalidRequest(null, "expected {\"rollout\": …, \"evalSet\": …} as compiled: "
          + String.valueOf(bad.getMessage()).lines().findFirst().orElse(""));
    }
    if (request == null || request.rollout() == null || request.evalSet() == null) {
      throw ApiError.invalidRequest(request == null || request.rollout() == null ? "rollout" : "evalSet", "is required");
    }
    if (!request.evalSet().name().equals(request.rollout().evalSet())) {
      throw ApiError.invalidRequest("evalSet", "is \"" + request.evalSet().name() + "\" but the rollout names \""
          + request.rollout().evalSet() + "\"");
    }
    return request;
  }

  private static ApiError failure(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof IllegalArgumentException) {
      return ApiError.of(409, "invalid_request_error", "rollout_stale", null, cause.getMessage());
    }
    if (cause instanceof TimeoutException) {
      return ApiError.of(504, "server_error", "eval_timeout", null, "the eval run took longer than " + RUN_TIMEOUT);
    }
    return ApiError.of(500, "server_error", "eval_failed", null, "the eval run failed: " + cause.getClass().getSimpleName());
  }
}
