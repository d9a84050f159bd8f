package dev.spillway.proxy.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.config.RuntimeConfig;
import dev.spillway.proxy.config.Snapshot;
import dev.spillway.proxy.credentials.CredentialSource;
import dev.spillway.proxy.failover.Attempt;
import dev.spillway.proxy.failover.CandidateCursor;
import dev.spillway.proxy.failover.PlainCall;
import dev.spillway.proxy.failover.TargetGate;
import dev.spillway.proxy.routing.CandidatePlanner;
import dev.spillway.proxy.routing.Plan;
import dev.spillway.proxy.routing.PolicyMatcher;
import dev.spillway.proxy.routing.RequestFacts;
import dev.spillway.proxy.routing.RequestParser;
import dev.spillway.proxy.streaming.SseWriter;
import dev.spillway.proxy.streaming.StreamCall;
import dev.spillway.proxy.telemetry.CallObserver;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/chat/completions}: parses the body (already read by {@link RequestBodyReader}),
 * matches a policy, plans the candidates and hands the call to a plain or streaming driver. Parsing
 * and planning run on the IO thread (in-memory work only); the upstream calls are asynchronous.
 */
public final class ChatCompletionsHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ChatCompletionsHandler.class);

  private final RuntimeConfig runtime;
  private final TargetGate gate;
  private final CredentialSource credentials;
  private final ScheduledExecutorService scheduler;

  public ChatCompletionsHandler(
      RuntimeConfig runtime, TargetGate gate, CredentialSource credentials, ScheduledExecutorService scheduler) {
    this.runtime = runtime;
    this.gate = gate;
    this.credentials = credentials;
    this.scheduler = scheduler;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    Snapshot snapshot =
        runtime.current().orElseThrow(() ->
            ApiError.of(503, "server_error", "not_ready", null, "No routing configuration is loaded yet"));
    ObjectNode body = parse(exchange.getAttachment(RequestBodyReader.BODY));
    RequestFacts facts = RequestParser.parse(body, headers(exchange));
    RouterConfig config = snapshot.config();
    PolicyConfig policy = PolicyMatcher.match(config, facts);
    Plan plan = gate.arrange(CandidatePlanner.plan(config, policy, facts), facts, body);
    CallObserver observer = CallObserver.of(exchange);
    CandidateCursor cursor = new CandidateCursor(plan, snapshot, body, facts.model(), gate, credentials, observer);
    observer.routed(body, facts, plan, cursor.log(), config.version());
    // Dispatching keeps the exchange open after this handler returns; the drivers end it.
    exchange.dispatch(
        SameThreadExecutor.INSTANCE,
        () -> {
          if (facts.stream()) {
            stream(exchange, cursor, config);
          } else {
            plain(exchange, cursor, config);
          }
        });
  }

  private static ObjectNode parse(byte[] bytes) {
    try {
      JsonNode json = Json.MAPPER.readTree(bytes);
      if (json instanceof ObjectNode object) {
        return object;
      }
      throw ApiError.invalidRequest(null, "The request body must be a JSON object");
    } catch (JsonProcessingException e) {
      throw ApiError.invalidRequest(null, "The request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiError.invalidRequest(null, "The request body could not be read");
    }
  }

  private static Map<String, String> headers(HttpServerExchange exchange) {
    Map<String, String> headers = new HashMap<>();
    for (HeaderValues values : exchange.getRequestHeaders()) {
      headers.put(values.getHeaderName().toString().toLowerCase(Locale.ROOT), values.getFirst());
    }
    return headers;
  }

  private void plain(HttpServerExchange exchange, CandidateCursor cursor, RouterConfig config) {
    PlainCall call = PlainCall.start(cursor, scheduler);
    exchange.addExchangeCompleteListener((ex, next) -> {
      call.abandon();
      next.proceed();
    });
    call.result()
        .whenComplete(
            (served, error) -> {
              if (served != null) {
                Responses.json(exchange, 200, headers(cursor, config, served.attempt()), served.completion().body());
              } else if (!(error instanceof CancellationException)) {
                Responses.error(exchange, asApiError(error), headers(cursor, config, null));
              }
            });
  }

  private void stream(HttpServerExchange exchange, CandidateCursor cursor, RouterConfig config) {
    SseWriter writer = new SseWriter(exchange);
    StreamCall call =
        new StreamCall(
            cursor,
            scheduler,
            writer,
            attempt -> headers(cursor, config, attempt),
            error -> Responses.error(exchange, error, headers(cursor, config, null)));
    writer.onClientGone(call::abandon);
    exchange.addExchangeCompleteListener((ex, next) -> {
      call.abandon();
      next.proceed();
    });
    call.start();
  }

  private static Map<String, String> headers(CandidateCursor cursor, RouterConfig config, Attempt servedBy) {
    return RoutingHeaders.of(
        cursor.plan().policy().name(),
        config.version(),
        cursor.log().attempts(),
        servedBy == null ? null : servedBy.targetId(),
        servedBy == null ? null : cursor.log().fallbackReason());
  }

  private static ApiError asApiError(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof ApiError apiError) {
      return apiError;
    }
    LOG.error("routing failed", cause);
    return ApiError.of(500, "server_error", null, null, "internal error");
  }
}
