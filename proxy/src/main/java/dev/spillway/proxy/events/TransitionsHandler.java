package dev.spillway.proxy.events;

import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.http.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Deque;
import java.util.Map;

/**
 * {@code GET /v1/spillway/transitions?after=<seq>&instance=<run>&limit=<n>}: what the log holds
 * after the cursor, as a {@link dev.spillway.stats.TransitionsView}. A cursor taken from another
 * run of this replica ({@code instance} differs: it restarted) reads from the start.
 */
public final class TransitionsHandler implements HttpHandler {
  private final TransitionLog log;

  public TransitionsHandler(TransitionLog log) {
    this.log = log;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    try {
      Deque<String> instance = exchange.getQueryParameters().get("instance");
      boolean otherRun = instance != null && !instance.isEmpty() && !instance.getFirst().isEmpty()
          && !instance.getFirst().equals(log.instance());
      long after = otherRun ? 0 : number(exchange, "after", 0);
      long limit = number(exchange, "limit", TransitionLog.MAX_PAGE);
      Responses.json(exchange, 200, Map.of("cache-control", "no-store"),
          Json.MAPPER.valueToTree(log.after(after, (int) Math.min(limit, TransitionLog.MAX_PAGE))));
    } catch (ApiError bad) {
      Responses.error(exchange, bad);
    }
  }

  private static long number(HttpServerExchange exchange, String name, long fallback) {
    Deque<String> values = exchange.getQueryParameters().get(name);
    if (values == null || values.isEmpty()) {
      return fallback;
    }
    try {
      long value = Long.parseLong(values.getFirst());
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException notANumber) {
      // answered below
    }
    throw ApiError.invalidRequest(name, "'" + name + "' must be a whole number of at least 0");
  }
}
