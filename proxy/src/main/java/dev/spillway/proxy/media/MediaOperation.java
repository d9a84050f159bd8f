package dev.spillway.proxy.media;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.api.v1alpha1.Endpoint;
import dev.spillway.config.PolicyConfig;
import dev.spillway.proxy.failover.PlainCall;
import dev.spillway.proxy.http.ChatCompletionsHandler;
import dev.spillway.proxy.http.RequestIds;
import dev.spillway.proxy.http.Responses;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.providers.ProviderAdapter;
import dev.spillway.proxy.providers.Speech;
import dev.spillway.proxy.quality.QualityGuard;
import dev.spillway.proxy.validation.MediaRules;
import dev.spillway.proxy.validation.RequestValidator;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;

/**
 * A media endpoint: the rules its request body must meet, the adapter operation it calls, the
 * checks its answers pass, and how an answer goes back to the client.
 *
 * @param endpoint the API it serves: only targets listing it in {@code capabilities.endpoints} are tried
 * @param <R> what the operation answers with
 */
public record MediaOperation<R>(
    Endpoint endpoint,
    RequestValidator rules,
    BodyParser parser,
    PlainCall.Operation<R> call,
    Checks<R> checks,
    Responder<R> responder) {

  /** The request body as the JSON object the call path carries. */
  public interface BodyParser {
    ObjectNode parse(String contentType, byte[] body);
  }

  private static final BodyParser JSON = (contentType, body) -> ChatCompletionsHandler.parse(body);

  /** The judge of one request's answers under its policy. */
  public interface Checks<R> {
    PlainCall.Judge<R> judge(QualityGuard quality, PolicyConfig policy, ObjectNode request);
  }

  /** Writes a served answer with the routing headers. */
  public interface Responder<R> {
    void respond(HttpServerExchange exchange, Map<String, String> headers, R answer);
  }

  public static final MediaOperation<Completion> EMBEDDINGS =
      new MediaOperation<>(Endpoint.EMBEDDINGS, MediaRules.EMBEDDINGS, JSON, PlainCall.Operation.json(ProviderAdapter::embeddings),
          QualityGuard::forEmbeddings, MediaOperation::json);

  public static final MediaOperation<Completion> IMAGES =
      new MediaOperation<>(Endpoint.IMAGES, MediaRules.IMAGES, JSON, PlainCall.Operation.json(ProviderAdapter::images),
          QualityGuard::forImages, MediaOperation::json);

  public static final MediaOperation<Speech> SPEECH =
      new MediaOperation<>(Endpoint.SPEECH, MediaRules.SPEECH, JSON, ProviderAdapter::speech,
          QualityGuard::forSpeech, MediaOperation::audio);

  /**
   * {@code POST /v1/audio/transcriptions}: a multipart upload, carried as JSON with the file in
   * base64 (see {@link MultipartForm}); answers OpenAI's {@code {"text": …}} JSON. Its answers are
   * not judged: a transcript has no check that does not need the audio's words.
   */
  public static final MediaOperation<Completion> TRANSCRIPTIONS =
      new MediaOperation<>(Endpoint.TRANSCRIPTIONS, MediaRules.TRANSCRIPTIONS, MultipartForm::parse,
          PlainCall.Operation.json(ProviderAdapter::transcriptions),
          (quality, policy, request) -> (attempt, answer) -> Optional.empty(), MediaOperation::json);

  private static void json(HttpServerExchange exchange, Map<String, String> headers, Completion answer) {
    Responses.json(exchange, 200, RequestIds.withUpstream(headers, answer.requestId()), answer.body());
  }

  private static void audio(HttpServerExchange exchange, Map<String, String> headers, Speech answer) {
    exchange.setStatusCode(200);
    headers.forEach((name, value) -> exchange.getResponseHeaders().put(HttpString.tryFromString(name), value));
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, answer.contentType());
    exchange.getResponseSender().send(ByteBuffer.wrap(answer.audio()));
  }
}
