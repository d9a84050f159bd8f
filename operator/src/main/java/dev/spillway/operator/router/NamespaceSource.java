package dev.spillway.operator.router;

import dev.spillway.api.v1alpha1.Router;
import dev.spillway.compiler.ResourceSet;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;

/** Where a Router's inputs come from: informers in the operator, a fixed set in unit tests. */
public interface NamespaceSource {
  /** The event sources that wake a Router when its inputs change. */
  List<EventSource<?, Router>> eventSources(EventSourceContext<Router> context);

  /** What the compiler reads for one namespace. */
  ResourceSet resourceSet(String namespace);
}
