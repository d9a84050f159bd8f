package dev.spillway.operator.router;

import dev.spillway.api.v1alpha1.Router;
import dev.spillway.compiler.ResourceSet;
import dev.spillway.config.RouterConfig;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;

/** Where a Router's inputs come from: informers in the operator, a fixed set in unit tests. */
public interface NamespaceSource {
  /** The event sources that wake a Router when its inputs change. */
  List<EventSource<?, Router>> eventSources(EventSourceContext<Router> context);

  /** What the compiler reads for one namespace. */
  ResourceSet resourceSet(String namespace);

  /**
   * The compiled config with the namespace's ModelRollouts at their stages (a canary's candidate, a
   * shadow, a promotion): what is published. A source without rollouts publishes the config as is.
   */
  default RouterConfig staged(String namespace, RouterConfig config) {
    return config;
  }
}
