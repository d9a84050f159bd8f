package dev.spillway.proxy.video;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.auth.Caller;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.http.CallRouter;
import dev.spillway.proxy.http.ChatCompletionsHandler;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.http.RequestBodyReader;
import dev.spillway.proxy.http.Responses;
import dev.spillway.proxy.telemetry.Telemetry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The {@code /v1/videos} endpoints in the OpenAI Videos API's shape: create (JSON or multipart),
 * retrieve, download the content, list and delete. Everything but create reads the job store only.
 */
public final class VideoHandlers {
  private static final int DEFAULT_PAGE = 20;
  private static final int MAX_PAGE = 100;

  private final VideoJobs jobs;
  private final CallRouter router;
  private final Telemetry telemetry;

  public VideoHandlers(VideoJobs jobs, CallRouter router, Telemetry telemetry) {
    this.jobs = jobs;
    this.router = router;
    this.telemetry = telemetry;
  }

  /** {@code POST /v1/videos}: answers once a target accepted the job, with the job's id. */
  public HttpHandler create() {
    return exchange -> {
      VideoRequest request = VideoRequest.parse(exchange.getAttachment(RequestBodyReader.BODY),
          exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE));
      var submitted = jobs.submit(router.snapshot(), request, ChatCompletionsHandler.headers(exchange),
          Caller.of(exchange), name -> telemetry.beginJob(exchange, name));
      exchange.dispatch(SameThreadExecutor.INSTANCE, () -> submitted.whenComplete((done, error) -> {
        if (error != null) {
          Responses.error(exchange, ChatCompletionsHandler.asApiError(error));
        } else if (done.job() != null) {
          Responses.json(exchange, 200, done.headers(), done.job().toJson());
        } else {
          Responses.error(exchange, done.error(), done.headers());
        }
      }));
    };
  }

  /** {@code GET /v1/videos/{id}}. */
  public HttpHandler retrieve() {
    return guarded(exchange -> {
      VideoJob job = job(exchange);
      ObjectNode json = job.toJson();
      Responses.json(exchange, 200, VideoJobs.headers(job, json), json);
    });
  }

  /** {@code GET /v1/videos/{id}/content}: the MP4 of a completed job. */
  public HttpHandler content() {
    return guarded(exchange -> {
      VideoJob job = job(exchange);
      String variant = query(exchange, "variant");
      if (variant != null && !variant.equals("video")) {
        throw ApiError.invalidRequest("variant", "variant '" + variant + "' is not offered; only 'video'");
      }
      ObjectNode json = job.toJson();
      if (!json.path("status").asText().equals("completed")) {
        throw ApiError.of(409, "invalid_request_error", "video_not_ready", null,
            "Video " + job.id() + " is " + json.path("status").asText() + ", not completed");
      }
      byte[] clip = jobs.content(job.id()).orElseThrow(() -> ApiError.of(404, "invalid_request_error",
          "video_content_expired", null, "The content of video " + job.id() + " is no longer kept"));
      exchange.setStatusCode(200);
      VideoJobs.headers(job, json).forEach((name, value) ->
          exchange.getResponseHeaders().put(HttpString.tryFromString(name), value));
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "video/mp4");
      exchange.getResponseSender().send(ByteBuffer.wrap(clip));
    });
  }

  /** {@code GET /v1/videos}: newest first by default, paged with {@code after} and {@code limit}. */
  public HttpHandler list() {
    return guarded(exchange -> {
      int limit = limit(query(exchange, "limit"));
      String order = query(exchange, "order");
      if (order != null && !order.equals("asc") && !order.equals("desc")) {
        throw ApiError.invalidRequest("order", "'order' must be asc or desc");
      }
      List<VideoJob> all = new ArrayList<>(jobs.list(consumer(exchange)));
      if ("asc".equals(order)) {
        Collections.reverse(all);
      }
      String after = query(exchange, "after");
      int start = 0;
      if (after != null) {
        start = all.stream().map(VideoJob::id).toList().indexOf(after) + 1;
        if (start == 0) {
          throw ApiError.invalidRequest("after", "no video '" + after + "'");
        }
      }
      List<VideoJob> page = all.subList(start, Math.min(all.size(), start + limit));
      ObjectNode body = Json.MAPPER.createObjectNode().put("object", "list");
      ArrayNode data = body.putArray("data");
      page.forEach(job -> data.add(job.toJson()));
      body.put("first_id", page.isEmpty() ? null : page.get(0).id())
          .put("last_id", page.isEmpty() ? null : page.get(page.size() - 1).id())
          .put("has_more", start + page.size() < all.size());
      Responses.json(exchange, 200, Map.of(), body);
    });
  }

  /** {@code DELETE /v1/videos/{id}}: stops a running job and forgets it. */
  public HttpHandler delete() {
    return guarded(exchange -> {
      String id = query(exchange, "id");
      jobs.delete(id, consumer(exchange)).orElseThrow(() -> notFound(id));
      Responses.json(exchange, 200, Map.of(),
          Json.MAPPER.createObjectNode().put("id", id).put("object", "video.deleted").put("deleted", true));
    });
  }

  private VideoJob job(HttpServerExchange exchange) {
    String id = query(exchange, "id");
    return jobs.find(id, consumer(exchange)).orElseThrow(() -> notFound(id));
  }

  /** The caller's consumer name, or null when anonymous: whose jobs it sees. */
  private static String consumer(HttpServerExchange exchange) {
    Caller caller = Caller.of(exchange);
    return caller == null ? null : caller.name();
  }

  private static ApiError notFound(String id) {
    return ApiError.of(404, "invalid_request_error", "video_not_found", "id", "No video '" + id + "'");
  }

  private static int limit(String given) {
    if (given == null) {
      return DEFAULT_PAGE;
    }
    try {
      int limit = Integer.parseInt(given);
      if (limit >= 1 && limit <= MAX_PAGE) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiError.invalidRequest("limit", "'limit' must be 1 to " + MAX_PAGE + "; got '" + given + "'");
  }

  /** A query or path parameter (the routing handler adds path parameters to the query's). */
  private static String query(HttpServerExchange exchange, String name) {
    Deque<String> values = exchange.getQueryParameters().get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  /** Bad requests get their OpenAI-shaped error rather than Undertow's bare 500. */
  private static HttpHandler guarded(HttpHandler handler) {
    return exchange -> {
      try {
        handler.handleRequest(exchange);
      } catch (ApiError error) {
        Responses.error(exchange, error);
      }
    };
  }
}
