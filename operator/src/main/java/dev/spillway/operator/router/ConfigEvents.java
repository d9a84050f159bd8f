package dev.spillway.operator.router;

import dev.spillway.api.v1alpha1.Router;
import dev.spillway.compiler.CompileResult;
import dev.spillway.compiler.Problem;
import dev.spillway.compiler.ResourceSet;
import dev.spillway.config.RouterConfig;
import dev.spillway.operator.status.EventRecorder;
import dev.spillway.operator.status.Events;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log lines and Events for what a compile did: a new config published (on the Router), or a
 * rejection (on the Router and on each resource at fault), each reported once, not every pass.
 */
final class ConfigEvents {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigEvents.class);

  private final Events events;

  ConfigEvents(Events events) {
    this.events = events;
  }

  /**
   * @param published the config published before this pass, or null
   * @param loggedRejection the problems last reported for this Router; updated here
   */
  void report(Router router, ResourceSet resources, CompileResult result, RouterConfig published,
      AtomicReference<List<Problem>> loggedRejection) {
    String name = router.getMetadata().getNamespace() + "/" + router.getMetadata().getName();
    if (result.ok()) {
      loggedRejection.set(null);
      if (published == null || !published.version().equals(result.config().version())) {
        LOG.info("Router {}: config {} published", name, result.config().version());
        events.normal(router, EventRecorder.CONFIG_PUBLISHED, "Config " + result.config().version() + " published");
      }
      return;
    }
    if (result.problems().equals(loggedRejection.getAndSet(result.problems()))) {
      return;
    }
    String keeping = published == null ? "nothing published yet" : "still serving config " + published.version();
    LOG.warn("Router {}: config rejected ({}): {}", name, keeping, result.problems());
    events.warning(router, EventRecorder.CONFIG_REJECTED,
        result.problems().size() + " problem(s), " + keeping + ": " + result.problems().get(0));
    Stream.of(resources.accounts(), resources.models(), resources.policies())
        .flatMap(List::stream)
        .forEach(resource -> rejectIfInvalid(resource, result));
  }

  private void rejectIfInvalid(HasMetadata resource, CompileResult result) {
    result.problems().stream()
        .filter(p -> p.kind().equals(resource.getKind()) && p.name().equals(resource.getMetadata().getName()))
        .findFirst()
        .ifPresent(problem -> events.warning(resource, EventRecorder.CONFIG_REJECTED, problem.toString()));
  }
}
