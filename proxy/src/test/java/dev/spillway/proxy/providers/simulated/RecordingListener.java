package dev.spillway.proxy.providers.simulated;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.StreamListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Collects a stream's callbacks for assertions. */
final class RecordingListener implements StreamListener {
  final List<ObjectNode> chunks = new CopyOnWriteArrayList<>();
  final AtomicInteger completions = new AtomicInteger();
  final AtomicReference<ProviderFailure> error = new AtomicReference<>();

  @Override
  public void onChunk(ObjectNode chunk) {
    chunks.add(chunk);
  }

  @Override
  public void onComplete() {
    completions.incrementAndGet();
  }

  @Override
  public void onError(ProviderFailure failure) {
    error.set(failure);
  }

  boolean ended() {
    return completions.get() > 0 || error.get() != null;
  }

  String content() {
    StringBuilder text = new StringBuilder();
    chunks.forEach(chunk -> text.append(chunk.path("choices").path(0).path("delta").path("content").asText("")));
    return text.toString();
  }
}
