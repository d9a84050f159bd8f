package dev.spillway.operator.status;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Kubernetes Events on a resource; {@link EventRecorder} in the operator, a list in unit tests. */
public interface Events {
  /** A Warning, dropped when it repeats the last one of its reason on that resource. */
  void warning(HasMetadata about, String reason, String message);

  /** A Normal event, dropped when it repeats the last one of its reason on that resource. */
  void normal(HasMetadata about, String reason, String message);

  /** A Warning for something the caller saw happen just now; never dropped as a repeat. */
  void occurred(HasMetadata about, String reason, String message);

  /**
   * An Event with a name that identifies what happened: recording the same name again is a no-op
   * (the API server refuses the duplicate), so a happening read twice is still shown once.
   */
  void once(HasMetadata about, String name, boolean warning, String reason, String message);
}
