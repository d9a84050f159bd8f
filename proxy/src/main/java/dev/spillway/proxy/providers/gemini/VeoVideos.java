package dev.spillway.proxy.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.AccountConfig;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.UpstreamVideo;
import dev.spillway.proxy.providers.VideoProvider;
import dev.spillway.proxy.providers.VideoStatus;
import dev.spillway.proxy.providers.http.RetryAfter;
import dev.spillway.proxy.providers.http.UpstreamHttp;
import dev.spillway.proxy.providers.http.UpstreamRequest;
import dev.spillway.proxy.providers.http.UpstreamResponse;
import dev.spillway.proxy.providers.openai.OpenAiErrors;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * Veo through the Gemini API's long-running operations: {@code POST
 * /models/{model}:predictLongRunning} answers an operation name, {@code GET /{name}} is polled
 * until {@code done}, and the finished operation names the clip's file URI, which is downloaded
 * with the account's key — only from the API's own host, never from another URL an answer names.
 * An operation that is not done is reported in progress: Veo says nothing of a queue, so
 * {@code jobs.total} bounds it rather than {@code jobs.firstProgress}. Operations are not cancelled:
 * the Gemini API does not offer it for Veo.
 */
public final class VeoVideos implements VideoProvider {
  /** The account's base URL is the OpenAI-compatible endpoint; the native API is its parent. */
  private static final String OPENAI_SUFFIX = "/openai";

  private final UpstreamHttp http;
  private final OpenAiErrors errors;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final AccountConfig account;
  private final String api;

  public VeoVideos(AccountConfig account, UpstreamHttp http, OpenAiErrors errors, ObjectMapper mapper, Clock clock) {
    this.account = account;
    this.http = http;
    this.errors = errors;
    this.mapper = mapper;
    this.clock = clock;
    String base = account.baseUrl();
    this.api = base.endsWith(OPENAI_SUFFIX) ? base.substring(0, base.length() - OPENAI_SUFFIX.length()) : base;
  }

  @Override
  public CompletableFuture<UpstreamVideo> create(ProviderCall call) {
    JsonNode request = call.request();
    ObjectNode body = mapper.createObjectNode();
    ObjectNode instance = body.putArray("instances").addObject().put("prompt", request.path("prompt").asText());
    JsonNode image = request.path("input_reference");
    if (image.isObject()) {
      instance.putObject("image").put("bytesBase64Encoded", image.path("data").asText())
          .put("mimeType", image.path("mime_type").asText("image/png"));
    }
    ObjectNode parameters = body.putObject("parameters");
    if (request.path("seconds").isTextual()) {
      parameters.put("durationSeconds", Integer.parseInt(request.path("seconds").asText()));
    }
    String[] size = request.path("size").asText("").split("x");
    if (size.length == 2) {
      int width = Integer.parseInt(size[0]);
      int height = Integer.parseInt(size[1]);
      parameters.put("aspectRatio", width >= height ? "16:9" : "9:16")
          .put("resolution", Math.min(width, height) >= 1080 ? "1080p" : "720p");
    }
    URI uri = URI.create(api + "/models/" + call.target().model() + ":predictLongRunning");
    return http.send(keyed(UpstreamRequest.postJson(uri, bytes(body)), call), response -> {
      JsonNode operation = json(response, call);
      if (!operation.path("name").isTextual()) {
        throw ProviderFailure.protocol("predictLongRunning answered no operation name");
      }
      return UpstreamVideo.of(operation.get("name").asText(), VideoStatus.QUEUED, 0);
    });
  }

  @Override
  public CompletableFuture<UpstreamVideo> status(ProviderCall call, String name) {
    return operation(call, name).thenApply(operation -> {
      if (!operation.path("done").asBoolean(false)) {
        return UpstreamVideo.of(name, VideoStatus.IN_PROGRESS, 0);
      }
      if (operation.has("error")) {
        return new UpstreamVideo(name, VideoStatus.FAILED, 0, operation.at("/error/message").asText("failed"));
      }
      return videoUri(operation) == null
          ? new UpstreamVideo(name, VideoStatus.FAILED, 0, "no video in the answer (filtered by the provider?)")
          : UpstreamVideo.of(name, VideoStatus.COMPLETED, 100);
    });
  }

  @Override
  public CompletableFuture<byte[]> content(ProviderCall call, String name) {
    return operation(call, name).thenCompose(operation -> {
      String location = videoUri(operation);
      URI uri = location == null ? null : URI.create(location);
      if (uri == null || !sameHost(uri)) {
        throw ProviderFailure.protocol("the operation names no video on the API's own host");
      }
      return http.send(keyed(UpstreamRequest.get(uri), call), response -> {
        ok(response, call);
        return response.body();
      });
    });
  }

  private CompletableFuture<JsonNode> operation(ProviderCall call, String name) {
    if (!name.startsWith("models/") || name.contains("..")) {
      return CompletableFuture.failedFuture(ProviderFailure.protocol("not a Veo operation name: " + name));
    }
    return http.send(keyed(UpstreamRequest.get(URI.create(api + "/" + name)), call), response -> json(response, call));
  }

  private static String videoUri(JsonNode operation) {
    JsonNode uri = operation.at("/response/generateVideoResponse/generatedSamples/0/video/uri");
    return uri.isTextual() ? uri.asText() : null;
  }

  private boolean sameHost(URI uri) {
    URI base = URI.create(api);
    return base.getScheme().equals(uri.getScheme()) && base.getHost().equalsIgnoreCase(uri.getHost())
        && base.getPort() == uri.getPort();
  }

  private JsonNode json(UpstreamResponse response, ProviderCall call) {
    ok(response, call);
    try {
      JsonNode body = mapper.readTree(response.body());
      if (body == null || !body.isObject()) {
        throw ProviderFailure.protocol("operation answer is not a JSON object");
      }
      return body;
    } catch (IOException e) {
      throw ProviderFailure.protocol("malformed operation JSON");
    }
  }

  private void ok(UpstreamResponse response, ProviderCall call) {
    if (response.statusCode() / 100 != 2) {
      throw errors.fromHttp(response.statusCode(), RetryAfter.from(response.headers(), clock), response.body(),
          call.apiKey());
    }
  }

  private UpstreamRequest keyed(UpstreamRequest.Builder builder, ProviderCall call) {
    account.headers().forEach(builder::header);
    if (call.apiKey() != null) {
      builder.header("x-goog-api-key", call.apiKey());
    }
    return builder.build();
  }

  private byte[] bytes(ObjectNode body) {
    try {
      return mapper.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
