package dev.spillway.operator.serving;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The latest pass per served namespace. Listeners (the resource status controllers) hear the
 * namespace each time it changes, so a status follows a Router's pass without polling.
 */
public final class ServedNamespaces {
  private final Map<String, Served> byNamespace = new ConcurrentHashMap<>();
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

  public void listen(Consumer<String> listener) {
    listeners.add(listener);
  }

  public void publish(String namespace, Served served) {
    byNamespace.put(namespace, served);
    listeners.forEach(listener -> listener.accept(namespace));
  }

  public Optional<Served> served(String namespace) {
    return Optional.ofNullable(byNamespace.get(namespace));
  }

  /** A Router stops serving (deleted, or no longer the namespace's owner); no-op if it did not. */
  public void release(String namespace, ResourceID router) {
    Served current = byNamespace.get(namespace);
    if (current != null && current.router().equals(router) && byNamespace.remove(namespace, current)) {
      listeners.forEach(listener -> listener.accept(namespace));
    }
  }

  /** The Router currently serving the namespace, if any. */
  public Optional<ResourceID> servedBy(String namespace) {
    return served(namespace).map(Served::router);
  }
}
