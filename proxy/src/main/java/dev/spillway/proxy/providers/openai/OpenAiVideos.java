package dev.spillway.proxy.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.config.AccountConfig;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.UpstreamVideo;
import dev.spillway.proxy.providers.VideoProvider;
import dev.spillway.proxy.providers.VideoStatus;
import dev.spillway.proxy.providers.http.MultipartBody;
import dev.spillway.proxy.providers.http.RetryAfter;
import dev.spillway.proxy.providers.http.UpstreamHttp;
import dev.spillway.proxy.providers.http.UpstreamRequest;
import dev.spillway.proxy.providers.http.UpstreamResponse;
import dev.spillway.proxy.providers.http.VideoStatuses;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * OpenAI's Videos API (Sora), and the same shape on self-hosted servers ({@code openai-compatible}):
 * {@code POST /videos} as a multipart form (the image-to-video reference as a file), then
 * {@code GET /videos/{id}}, {@code GET /videos/{id}/content} and {@code DELETE /videos/{id}}.
 */
final class OpenAiVideos implements VideoProvider {
  private final AccountConfig account;
  private final UpstreamHttp http;
  private final OpenAiErrors errors;
  private final ObjectMapper mapper;
  private final Clock clock;

  OpenAiVideos(AccountConfig account, UpstreamHttp http, OpenAiErrors errors, ObjectMapper mapper, Clock clock) {
    this.account = account;
    this.http = http;
    this.errors = errors;
    this.mapper = mapper;
    this.clock = clock;
  }

  @Override
  public CompletableFuture<UpstreamVideo> create(ProviderCall call) {
    JsonNode request = call.request();
    MultipartBody form = new MultipartBody().field("model", request.path("model").asText())
        .field("prompt", request.path("prompt").asText());
    for (String field : new String[] {"seconds", "size"}) {
      if (request.path(field).isTextual()) {
        form.field(field, request.path(field).asText());
      }
    }
    JsonNode image = request.path("input_reference");
    if (image.isObject()) {
      String type = image.path("mime_type").asText("image/png");
      form.file("input_reference", "input." + type.substring(type.indexOf('/') + 1), type,
          Base64.getDecoder().decode(image.path("data").asText()));
    }
    UpstreamRequest post = authorised(UpstreamRequest.post(uri(""), form.toBytes(), form.contentType()), call);
    return http.send(post, response -> video(response, call));
  }

  @Override
  public CompletableFuture<UpstreamVideo> status(ProviderCall call, String id) {
    return http.send(authorised(UpstreamRequest.get(uri("/" + encode(id))), call), response -> video(response, call));
  }

  @Override
  public CompletableFuture<byte[]> content(ProviderCall call, String id) {
    return http.send(authorised(UpstreamRequest.get(uri("/" + encode(id) + "/content")), call), response -> {
      ok(response, call);
      return response.body();
    });
  }

  @Override
  public CompletableFuture<Void> cancel(ProviderCall call, String id) {
    return http.send(authorised(UpstreamRequest.delete(uri("/" + encode(id))), call), response -> null);
  }

  private UpstreamVideo video(UpstreamResponse response, ProviderCall call) {
    ok(response, call);
    JsonNode body;
    try {
      body = mapper.readTree(response.body());
    } catch (IOException e) {
      throw ProviderFailure.protocol("malformed video JSON");
    }
    if (body == null || !body.path("id").isTextual()) {
      throw ProviderFailure.protocol("video answer without an id");
    }
    VideoStatus status = VideoStatuses.parse(body.path("status").asText());
    JsonNode error = body.path("error");
    return new UpstreamVideo(body.get("id").asText(), status, body.path("progress").asInt(0),
        error.isObject() ? error.path("message").asText(error.path("code").asText("failed")) : null);
  }

  private void ok(UpstreamResponse response, ProviderCall call) {
    if (response.statusCode() / 100 != 2) {
      throw errors.fromHttp(response.statusCode(), RetryAfter.from(response.headers(), clock), response.body(),
          call.apiKey());
    }
  }

  private URI uri(String rest) {
    return URI.create(account.baseUrl() + "/videos" + rest);
  }

  private UpstreamRequest authorised(UpstreamRequest.Builder builder, ProviderCall call) {
    account.headers().forEach(builder::header);
    if (call.apiKey() != null) {
      builder.header("authorization", "Bearer " + call.apiKey());
    }
    return builder.build();
  }

  private static String encode(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8);
  }
}
