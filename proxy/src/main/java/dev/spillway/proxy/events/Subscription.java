package dev.spillway.proxy.events;

import dev.spillway.stats.TransitionsView.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** One reader's bounded buffer of new transitions: close it when the reader goes away. */
public final class Subscription implements AutoCloseable {
  private final BlockingQueue<Entry> buffer;
  private final AtomicLong dropped = new AtomicLong();
  private final Consumer<Subscription> onClose;

  Subscription(int capacity, Consumer<Subscription> onClose) {
    this.buffer = new ArrayBlockingQueue<>(capacity);
    this.onClose = onClose;
  }

  void offer(Entry entry) {
    if (!buffer.offer(entry)) {
      dropped.incrementAndGet();
    }
  }

  /** The next transition, waiting at most {@code timeoutMs}; null if none came. */
  public Entry poll(long timeoutMs) throws InterruptedException {
    return buffer.poll(timeoutMs, TimeUnit.MILLISECONDS);
  }

  /** Everything buffered now, without waiting. */
  public List<Entry> drain() {
    List<Entry> drained = new ArrayList<>();
    buffer.drainTo(drained);
    return drained;
  }

  /** Transitions this reader missed because its buffer was full. */
  public long dropped() {
    return dropped.get();
  }

  @Override
  public void close() {
    onClose.accept(this);
  }
}
