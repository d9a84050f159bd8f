package dev.spillway.proxy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.StreamListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Records every callback of one stream; counts endings so tests can assert there was exactly one. */
public final class RecordingStreamListener implements StreamListener {
  public final List<ObjectNode> chunks = new CopyOnWriteArrayList<>();
  public final List<ProviderFailure> errors = new CopyOnWriteArrayList<>();
  public final AtomicInteger completions = new AtomicInteger();
  private final CountDownLatch ended = new CountDownLatch(1);

  @Override
  public void onChunk(ObjectNode chunk) {
    chunks.add(chunk);
  }

  @Override
  public void onComplete() {
    completions.incrementAndGet();
    ended.countDown();
  }

  @Override
  public void onError(ProviderFailure failure) {
    errors.add(failure);
    ended.countDown();
  }

  public void awaitEnd() throws InterruptedException {
    assertThat(ended.await(30, TimeUnit.SECONDS)).as("stream ended").isTrue();
  }

  public ProviderFailure awaitError() throws InterruptedException {
    awaitEnd();
    assertThat(completions).hasValue(0);
    assertThat(errors).hasSize(1);
    return errors.get(0);
  }

  /** Whether the stream has ended, either way. */
  public boolean ended() {
    return completions.get() > 0 || !errors.isEmpty();
  }

  /** The first error, or null. */
  public ProviderFailure error() {
    return errors.isEmpty() ? null : errors.get(0);
  }

  /** The concatenated delta.content of all chunks. */
  public String text() {
    StringBuilder text = new StringBuilder();
    chunks.forEach(c -> text.append(c.at("/choices/0/delta/content").asText("")));
    return text.toString();
  }
}
