package dev.spillway.proxy.dialects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.config.Snapshot;
import dev.spillway.proxy.failover.AnswerCheck;
import dev.spillway.proxy.http.CallRouter;
import dev.spillway.proxy.http.ChatCompletionsHandler;
import dev.spillway.proxy.quality.QualityGuard;
import dev.spillway.proxy.routing.RequestFacts;
import dev.spillway.proxy.routing.RequestParser;
import dev.spillway.proxy.routing.RequestShaper;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@code POST /v1/responses} and {@code POST /v1/messages}: the request is translated into a chat
 * body, which is then validated, matched, planned and checked exactly as a chat call's; the answer
 * is translated back. In-memory work on the IO thread; the upstream calls are asynchronous.
 */
public final class DialectHandler implements HttpHandler {
  private final Dialect dialect;
  private final CallRouter router;
  private final ScheduledExecutorService scheduler;
  private final QualityGuard quality;

  public DialectHandler(
      Dialect dialect, CallRouter router, ScheduledExecutorService scheduler, QualityGuard quality) {
    this.dialect = dialect;
    this.router = router;
    this.scheduler = scheduler;
    this.quality = quality;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    Snapshot snapshot = router.snapshot();
    ObjectNode request = ChatCompletionsHandler.parse(exchange);
    ObjectNode chat = dialect.toChat(request);
    RequestFacts facts = RequestParser.parse(chat, ChatCompletionsHandler.headers(exchange));
    CallRouter.Routed routed = router.route(exchange, snapshot, chat, facts, RequestShaper::shape);
    AnswerCheck answerCheck = quality.forChat(routed.policy(), chat);
    exchange.dispatch(SameThreadExecutor.INSTANCE, () -> {
      if (facts.stream()) {
        EngineCall.stream(exchange, routed, scheduler, answerCheck, events -> dialect.stream(events, request));
      } else {
        EngineCall.plain(exchange, routed, scheduler, answerCheck, completion -> dialect.fromCompletion(completion, request));
      }
    });
  }
}
