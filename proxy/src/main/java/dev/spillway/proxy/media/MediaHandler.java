package dev.spillway.proxy.media;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.config.Snapshot;
import dev.spillway.proxy.failover.CandidateCursor;
import dev.spillway.proxy.failover.PlainCall;
import dev.spillway.proxy.http.CallRouter;
import dev.spillway.proxy.http.ChatCompletionsHandler;
import dev.spillway.proxy.http.RequestBodyReader;
import dev.spillway.proxy.http.Responses;
import dev.spillway.proxy.providers.ProviderAdapter;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.providers.Usage;
import dev.spillway.proxy.quality.QualityGuard;
import dev.spillway.proxy.routing.CallerRoute;
import dev.spillway.proxy.routing.Candidate;
import dev.spillway.proxy.routing.RequestFacts;
import dev.spillway.proxy.routing.RequestParser;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@code POST /v1/embeddings}, {@code /v1/images/generations}, {@code /v1/audio/speech} and
 * {@code /v1/audio/transcriptions}: the
 * same policy matching, candidate planning and failover as chat completions, with the operation's
 * own adapter call and answer checks. A media call is never streamed.
 */
public final class MediaHandler<R> implements HttpHandler {
  private final MediaOperation<R> operation;
  private final CallRouter router;
  private final ScheduledExecutorService scheduler;
  private final QualityGuard quality;
  private final Executor checks;

  /**
   * @param checks where answers are judged: decoding an image takes milliseconds, which must not
   *     hold up the upstream client's callback threads
   */
  public MediaHandler(
      MediaOperation<R> operation,
      CallRouter router,
      ScheduledExecutorService scheduler,
      QualityGuard quality,
      Executor checks) {
    this.operation = operation;
    this.router = router;
    this.scheduler = scheduler;
    this.quality = quality;
    this.checks = checks;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    Snapshot snapshot = router.snapshot();
    ObjectNode body = operation.parser().parse(
        exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE), exchange.getAttachment(RequestBodyReader.BODY));
    RequestFacts facts = facts(body, ChatCompletionsHandler.headers(exchange));
    CallRouter.Routed routed = router.route(exchange, snapshot, body, facts, MediaHandler::withTargetModel);
    CandidateCursor cursor = routed.cursor();
    RouterConfig config = routed.config();
    PlainCall.Judge<R> judge = operation.checks().judge(quality, routed.policy(), body);
    exchange.dispatch(SameThreadExecutor.INSTANCE, () -> serve(exchange, cursor, config, judge));
  }

  private void serve(HttpServerExchange exchange, CandidateCursor cursor, RouterConfig config, PlainCall.Judge<R> judge) {
    PlainCall<R> call = PlainCall.start(cursor, scheduler, handedOver(operation.call()), judge);
    exchange.addExchangeCompleteListener((ex, next) -> {
      call.abandon();
      next.proceed();
    });
    call.result().whenComplete((served, error) -> {
      if (served != null) {
        operation.responder().respond(
            exchange, ChatCompletionsHandler.headers(cursor, config, served.attempt()), served.completion());
      } else if (!(error instanceof CancellationException)) {
        Responses.error(exchange, ChatCompletionsHandler.asApiError(error), ChatCompletionsHandler.headers(cursor, config, null));
      }
    });
  }

  /** The operation, its answers completing on the checks executor (where the judge then runs). */
  private PlainCall.Operation<R> handedOver(PlainCall.Operation<R> operation) {
    return new PlainCall.Operation<>() {
      @Override
      public CompletableFuture<R> invoke(ProviderAdapter adapter, ProviderCall call) {
        CompletableFuture<R> upstream = operation.invoke(adapter, call);
        CompletableFuture<R> handedOver = upstream.thenApplyAsync(answer -> answer, checks);
        // Cancelling (a timeout, the client leaving) must still abort the upstream call.
        handedOver.whenComplete((answer, error) -> {
          if (error instanceof CancellationException) {
            upstream.cancel(true);
          }
        });
        return handedOver;
      }

      @Override
      public ObjectNode body(R answer) {
        return operation.body(answer);
      }

      @Override
      public Usage usage(R answer) {
        return operation.usage(answer);
      }
    };
  }

  /** What routing needs: the model and the routing hints; media calls need no capabilities. */
  private RequestFacts facts(ObjectNode body, Map<String, String> headers) {
    operation.rules().validate(body);
    return new RequestFacts(
        body.get("model").textValue(), false, headers.get(RequestParser.STEP_HEADER), headers.get(RequestParser.PURPOSE_HEADER),
        body.path("user").isTextual() ? body.get("user").asText() : null,
        false, false, false, false, 0, headers, CallerRoute.read(body, headers)).at(operation.endpoint());
  }

  /** Media requests carry no chat defaults: the target only needs its own model id. */
  private static ObjectNode withTargetModel(ObjectNode request, Candidate candidate) {
    ObjectNode body = request.deepCopy();
    body.put("model", candidate.target().model());
    return body;
  }
}
