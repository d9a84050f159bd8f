package dev.spillway.proxy.live;

import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.http.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventHandler;

/**
 * {@code GET /v1/spillway/live/events}: the live log as Server-Sent Events, one {@code line} event
 * per {@link LiveEvent} (its JSON; the SSE id is its sequence number), from the moment of
 * connecting (the panel snapshot carries the lines before). Each viewer gets a buffer of {@link
 * #VIEWER_BUFFER} lines; at most {@link LiveFeed#MAX_VIEWERS} watch at once, others get 503.
 */
public final class LiveEventsHandler implements HttpHandler {
  static final int VIEWER_BUFFER = 64;
  /** A comment line this often finds connections whose peer went away without closing them. */
  static final long KEEP_ALIVE_MS = 15_000;

  private final LiveFeed feed;
  private final ServerSentEventHandler sse;

  public LiveEventsHandler(LiveFeed feed) {
    this.feed = feed;
    this.sse = new ServerSentEventHandler(this::connected);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (feed.stats().viewers() >= LiveFeed.MAX_VIEWERS) {
      Responses.error(exchange, ApiError.of(503, "server_error", "too_many_viewers", null,
          "the live event stream has " + LiveFeed.MAX_VIEWERS + " viewers already; try again later"));
      return;
    }
    sse.handleRequest(exchange);
  }

  private void connected(ServerSentEventConnection connection, String lastEventId) {
    connection.setKeepAliveTime(KEEP_ALIVE_MS);
    SseViewer viewer = new SseViewer(connection, VIEWER_BUFFER);
    if (!feed.attach(viewer)) {
      connection.shutdown(); // lost the race for the last place
      return;
    }
    connection.addCloseTask(closed -> feed.detach(viewer));
  }
}
