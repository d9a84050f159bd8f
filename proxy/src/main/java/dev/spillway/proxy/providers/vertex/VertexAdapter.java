package dev.spillway.proxy.providers.vertex;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.AccountConfig;
import dev.spillway.proxy.providers.Cancellable;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.providers.ProviderAdapter;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.providers.ProviderContext;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.StreamListener;
import dev.spillway.proxy.providers.UpstreamAddress;
import dev.spillway.proxy.providers.anthropic.AnthropicAdapter;
import dev.spillway.proxy.providers.anthropic.AnthropicEndpoint;
import dev.spillway.proxy.providers.gemini.GeminiAdapter;
import dev.spillway.proxy.providers.gemini.GeminiEndpoint;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Adapter for Vertex AI: Gemini models through Gemini's native format, Claude models through
 * Anthropic's Messages format ({@code rawPredict} / {@code streamRawPredict}), both authorised with
 * a service account's token. The target's model names its publisher: {@code anthropic/…} or a
 * {@code claude-…} id goes to Anthropic, anything else to Google.
 */
public final class VertexAdapter implements ProviderAdapter {
  /** The Messages API version Vertex expects in the body, instead of the anthropic-version header. */
  static final String ANTHROPIC_VERSION = "vertex-2023-10-16";

  private final AccountConfig account;
  private final VertexAuth auth;
  private final GeminiAdapter gemini;
  private final AnthropicAdapter claude;

  public VertexAdapter(AccountConfig account, ProviderContext context) {
    this.account = account;
    this.auth = new VertexAuth(context.executor());
    this.gemini = new GeminiAdapter(account, context,
        (model, stream, key) -> address(key, "google", model, GeminiEndpoint.method(stream)));
    this.claude = new AnthropicAdapter(account, context, new AnthropicEndpoint() {
      @Override
      public CompletableFuture<UpstreamAddress> address(String model, boolean stream, String key) {
        return VertexAdapter.this.address(key, "anthropic", model, stream ? ":streamRawPredict" : ":rawPredict");
      }

      @Override
      public void shape(ObjectNode body) {
        body.remove("model");
        body.put("anthropic_version", ANTHROPIC_VERSION);
      }
    });
  }

  @Override
  public CompletableFuture<Completion> complete(ProviderCall call) {
    return anthropic(call.target().model()) ? claude.complete(call) : gemini.complete(call);
  }

  @Override
  public Cancellable stream(ProviderCall call, StreamListener listener) {
    return anthropic(call.target().model()) ? claude.stream(call, listener) : gemini.stream(call, listener);
  }

  static boolean anthropic(String model) {
    return model.startsWith("anthropic/") || model.startsWith("claude");
  }

  /** {@code {base}/projects/{project}/locations/{region}/publishers/{publisher}/models/{model}{method}}. */
  private CompletableFuture<UpstreamAddress> address(String key, String publisher, String model, String method) {
    String bare = model.contains("/") ? model.substring(model.indexOf('/') + 1) : model;
    String project;
    try {
      project = auth.projectId(key);
    } catch (ProviderFailure failure) {
      return CompletableFuture.failedFuture(failure);
    }
    // Claude's version suffix ("@20250929") is part of the id Vertex expects, unescaped.
    URI uri = URI.create(account.baseUrl() + "/projects/" + project + "/locations/" + account.region()
        + "/publishers/" + publisher + "/models/" + GeminiEndpoint.modelPath(bare).replace("%40", "@") + method);
    return auth.headers(key, uri).thenApply(headers -> new UpstreamAddress(uri, headers));
  }

  @Override
  public void close() {
    gemini.close();
    claude.close();
  }
}
