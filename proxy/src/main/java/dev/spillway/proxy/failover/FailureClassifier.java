package dev.spillway.proxy.failover;

import dev.spillway.proxy.providers.ProviderFailure;

/** Classifies a provider failure from its provider-neutral facts alone. */
public final class FailureClassifier {
  private FailureClassifier() {}

  public static FailureClass classify(ProviderFailure failure) {
    if (failure.kind() == ProviderFailure.Kind.QUALITY && failure.requestCaused()) {
      return FailureClass.REQUEST_CAUSED;
    }
    if (failure.kind() != ProviderFailure.Kind.HTTP) {
      return FailureClass.RETRYABLE; // connect, timeout, protocol: the target's fault, not the request's
    }
    if (failure.contentPolicy()) {
      return FailureClass.CONTENT_POLICY;
    }
    if (failure.contextLengthExceeded()) {
      return FailureClass.CONTEXT_LENGTH;
    }
    int status = failure.status();
    if (status == 401 || status == 403) {
      return FailureClass.AUTH;
    }
    // 404 here means this target does not have the model (or endpoint); another target may.
    if (status == 404 || status == 408 || status == 429) {
      return FailureClass.RETRYABLE;
    }
    if (status >= 400 && status < 500) {
      return FailureClass.REJECTED;
    }
    // 5xx, 529 (overloaded), and error events inside a stream (no status of their own).
    return FailureClass.RETRYABLE;
  }
}
