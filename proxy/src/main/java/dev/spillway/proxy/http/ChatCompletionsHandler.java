package dev.spillway.proxy.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.config.Snapshot;
import dev.spillway.proxy.failover.AnswerCheck;
import dev.spillway.proxy.failover.Attempt;
import dev.spillway.proxy.failover.CandidateCursor;
import dev.spillway.proxy.failover.PlainCall;
import dev.spillway.proxy.passthrough.ObjectReading;
import dev.spillway.proxy.passthrough.SplicedObject;
import dev.spillway.proxy.passthrough.StringSpans;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.quality.QualityGuard;
import dev.spillway.proxy.routing.RequestFacts;
import dev.spillway.proxy.routing.RequestParser;
import dev.spillway.proxy.routing.RequestShaper;
import dev.spillway.proxy.streaming.SseWriter;
import dev.spillway.proxy.streaming.StreamCall;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
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
  private static final ObjectReading OBJECTS = ObjectReading.keepingLongText(Json.MAPPER);

  private final CallRouter router;
  private final ScheduledExecutorService scheduler;
  private final QualityGuard quality;

  public ChatCompletionsHandler(CallRouter router, ScheduledExecutorService scheduler, QualityGuard quality) {
    this.router = router;
    this.scheduler = scheduler;
    this.quality = quality;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    Snapshot snapshot = router.snapshot();
    ObjectNode body = parse(exchange);
    RequestFacts facts = RequestParser.parse(body, headers(exchange));
    CallRouter.Routed routed = router.route(exchange, snapshot, body, facts, RequestShaper::shape);
    CandidateCursor cursor = routed.cursor();
    RouterConfig config = routed.config();
    AnswerCheck answerCheck = quality.forChat(routed.policy(), body);
    // Dispatching keeps the exchange open after this handler returns; the drivers end it.
    exchange.dispatch(
        SameThreadExecutor.INSTANCE,
        () -> {
          if (facts.stream()) {
            stream(exchange, cursor, config, answerCheck);
          } else {
            plain(exchange, cursor, config, answerCheck);
          }
        });
  }

  /**
   * The request body as a JSON object, or the 400 to answer. Shared with the media endpoints. The
   * object remembers its bytes ({@link SplicedObject}): what is sent upstream is those bytes with
   * the changed members spliced in, not the tree encoded again.
   */
  public static ObjectNode parse(byte[] bytes) {
    return parse(bytes, null);
  }

  /** {@link #parse(byte[])} of the body {@link RequestBodyReader} read, with the string spans it found. */
  public static ObjectNode parse(HttpServerExchange exchange) {
    return parse(exchange.getAttachment(RequestBodyReader.BODY), exchange.getAttachment(RequestBodyReader.SPANS));
  }

  private static ObjectNode parse(byte[] bytes, StringSpans spans) {
    try {
      Optional<SplicedObject> spliced = OBJECTS.read(bytes, spans);
      if (spliced.isPresent()) {
        return spliced.get();
      }
      JsonNode json = Json.MAPPER.readTree(bytes);
      if (json instanceof ObjectNode object) {
        return object;
      }
      throw ApiError.of(400, "invalid_request_error", "invalid_type", null, "The request body must be a JSON object");
    } catch (JsonProcessingException e) {
      throw ApiError.of(400, "invalid_request_error", "invalid_json", null,
          "The request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiError.of(400, "invalid_request_error", "invalid_json", null, "The request body could not be read");
    }
  }

  /** Request headers, names lower case (first value of each). */
  public static Map<String, String> headers(HttpServerExchange exchange) {
    return RequestHeaders.of(exchange.getRequestHeaders());
  }

  private void plain(
      HttpServerExchange exchange, CandidateCursor cursor, RouterConfig config, AnswerCheck answerCheck) {
    PlainCall<Completion> call = PlainCall.start(cursor, scheduler, answerCheck);
    exchange.addExchangeCompleteListener((ex, next) -> {
      call.abandon();
      next.proceed();
    });
    call.result()
        .whenComplete(
            (served, error) -> {
              if (served != null) {
                Map<String, String> headers =
                    RequestIds.withUpstream(headers(cursor, config, served.attempt()), served.completion().requestId());
                Responses.json(exchange, 200, headers, served.completion().body());
              } else if (!(error instanceof CancellationException)) {
                Responses.error(exchange, asApiError(error), headers(cursor, config, null));
              }
            });
  }

  private void stream(
      HttpServerExchange exchange, CandidateCursor cursor, RouterConfig config, AnswerCheck answerCheck) {
    SseWriter writer = new SseWriter(exchange);
    StreamCall call =
        new StreamCall(
            cursor,
            scheduler,
            writer,
            attempt -> headers(cursor, config, attempt),
            error -> Responses.error(exchange, error, headers(cursor, config, null)),
            answerCheck);
    writer.onClientGone(call::abandon);
    exchange.addExchangeCompleteListener((ex, next) -> {
      call.abandon();
      next.proceed();
    });
    call.start();
  }

  /** The routing headers of a response; {@code servedBy} null when nothing served. */
  public static Map<String, String> headers(CandidateCursor cursor, RouterConfig config, Attempt servedBy) {
    Map<String, String> headers = routing(cursor, config, servedBy);
    String region = servedBy == null ? null : servedBy.call().account().region();
    if (region != null) {
      headers.put(RoutingHeaders.SERVED_REGION, region);
    }
    return headers;
  }

  private static Map<String, String> routing(CandidateCursor cursor, RouterConfig config, Attempt servedBy) {
    return RoutingHeaders.of(
        cursor.plan().policy().name(),
        config.version(),
        cursor.log().attempts(),
        servedBy == null ? null : servedBy.targetId(),
        servedBy == null ? null : cursor.log().fallbackReason(),
        cursor.plan().caller());
  }

  /** The error to answer for a failed call. */
  public static ApiError asApiError(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof ApiError apiError) {
      return apiError;
    }
    LOG.error("routing failed", cause);
    return ApiError.of(500, "server_error", null, null, "internal error");
  }
}
