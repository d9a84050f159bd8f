package dev.spillway.proxy.eval;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Starts asynchronous tasks with at most {@code limit} running, each finished one starting the
 * next, and collects the results in task order. No thread waits: the limit is kept by the
 * completions themselves.
 */
final class Bounded {
  private Bounded() {}

  static <T> CompletableFuture<List<T>> all(List<? extends Supplier<CompletableFuture<T>>> tasks, int limit) {
    CompletableFuture<List<T>> all = new CompletableFuture<>();
    if (tasks.isEmpty()) {
      all.complete(List.of());
      return all;
    }
    Object[] results = new Object[tasks.size()];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger remaining = new AtomicInteger(tasks.size());
    Runnable[] startNext = new Runnable[1];
    startNext[0] = () -> {
      int index = next.getAndIncrement();
      if (index >= tasks.size() || all.isDone()) {
        return;
      }
      CompletableFuture<T> task;
      try {
        task = tasks.get(index).get();
      } catch (RuntimeException failed) {
        task = CompletableFuture.failedFuture(failed);
      }
      task.whenComplete((result, error) -> {
        if (error != null) {
          all.completeExceptionally(error);
          return;
        }
        results[index] = result;
        if (remaining.decrementAndGet() == 0) {
          @SuppressWarnings("unchecked")
          List<T> ordered = (List<T>) Arrays.asList(results);
          all.complete(List.copyOf(ordered));
        } else {
          startNext[0].run();
        }
      });
    };
    for (int i = 0; i < Math.max(1, Math.min(limit, tasks.size())); i++) {
      startNext[0].run();
    }
    return all;
  }
}
