package dev.spillway.proxy.dialects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.failover.AnswerCheck;
import dev.spillway.proxy.failover.CandidateCursor;
import dev.spillway.proxy.failover.PlainCall;
import dev.spillway.proxy.http.CallRouter;
import dev.spillway.proxy.http.ChatCompletionsHandler;
import dev.spillway.proxy.http.RequestIds;
import dev.spillway.proxy.http.Responses;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.streaming.ClientStream;
import dev.spillway.proxy.streaming.SseWriter;
import dev.spillway.proxy.streaming.StreamCall;
import io.undertow.server.HttpServerExchange;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The one place a translated call meets the call engine: the same plain and streaming drivers,
 * answer checks and routing headers as {@code /v1/chat/completions}, with only the answer (or the
 * stream's events) rendered by the dialect. Kept apart so that re-pointing at a new engine is a
 * change here alone.
 */
final class EngineCall {
  private EngineCall() {}

  /** A plain call; {@code render} turns the served chat completion into the client's answer. */
  static void plain(
      HttpServerExchange exchange,
      CallRouter.Routed routed,
      ScheduledExecutorService scheduler,
      AnswerCheck answerCheck,
      UnaryOperator<ObjectNode> render) {
    CandidateCursor cursor = routed.cursor();
    PlainCall<Completion> call = PlainCall.start(cursor, scheduler, answerCheck);
    exchange.addExchangeCompleteListener((ex, next) -> {
      call.abandon();
      next.proceed();
    });
    call.result().whenComplete((served, error) -> {
      if (served != null) {
        Map<String, String> headers = RequestIds.withUpstream(
            ChatCompletionsHandler.headers(cursor, routed.config(), served.attempt()), served.completion().requestId());
        Responses.json(exchange, 200, headers, render.apply(served.completion().body()));
      } else if (!(error instanceof CancellationException)) {
        Responses.error(
            exchange, ChatCompletionsHandler.asApiError(error), ChatCompletionsHandler.headers(cursor, routed.config(), null));
      }
    });
  }

  /** A streaming call; {@code streamFor} translates chat chunks into the client's events. */
  static void stream(
      HttpServerExchange exchange,
      CallRouter.Routed routed,
      ScheduledExecutorService scheduler,
      AnswerCheck answerCheck,
      Function<NamedEvents, ClientStream> streamFor) {
    CandidateCursor cursor = routed.cursor();
    SseWriter writer = new SseWriter(exchange);
    StreamCall call =
        new StreamCall(
            cursor,
            scheduler,
            streamFor.apply(named(writer)),
            attempt -> ChatCompletionsHandler.headers(cursor, routed.config(), attempt),
            error -> Responses.error(exchange, error, ChatCompletionsHandler.headers(cursor, routed.config(), null)),
            answerCheck);
    writer.onClientGone(call::abandon);
    exchange.addExchangeCompleteListener((ex, next) -> {
      call.abandon();
      next.proceed();
    });
    call.start();
  }

  private static NamedEvents named(SseWriter writer) {
    return new NamedEvents() {
      @Override
      public void open(Map<String, String> headers) {
        writer.open(headers);
      }

      @Override
      public void event(String name, JsonNode data) {
        writer.event(name, data);
      }

      @Override
      public void end() {
        writer.end();
      }
    };
  }
}
