package dev.spillway.proxy.providers.openai;

import dev.spillway.config.AccountConfig;
import dev.spillway.proxy.providers.Cancellable;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.providers.ProviderAdapter;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.providers.ProviderContext;
import dev.spillway.proxy.providers.StreamListener;
import java.util.concurrent.CompletableFuture;

/** Adapter for OpenAI and OpenAI-compatible servers (vLLM, Ollama, Azure-style deployments, Gemini's OpenAI endpoint). */
public final class OpenAiAdapter implements ProviderAdapter {

  public OpenAiAdapter(AccountConfig account, ProviderContext context) {}

  @Override
  public CompletableFuture<Completion> complete(ProviderCall call) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public Cancellable stream(ProviderCall call, StreamListener listener) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
