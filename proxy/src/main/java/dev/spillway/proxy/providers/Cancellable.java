package dev.spillway.proxy.providers;

/** Aborts an in-flight streaming call. Idempotent. */
@FunctionalInterface
public interface Cancellable {
  void cancel();
}
