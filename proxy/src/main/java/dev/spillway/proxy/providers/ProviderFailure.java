package dev.spillway.proxy.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * Why an attempt failed, in provider-neutral terms. The engine classifies it (retryable, terminal,
 * context length, auth) from these facts alone.
 *
 * <p>No stack trace: failures are expected traffic on the hot path, not bugs.
 */
public final class ProviderFailure extends RuntimeException {

  public enum Kind {
    /** Could not connect or the connection broke before a response. */
    CONNECT,
    /** A deadline passed. */
    TIMEOUT,
    /** The provider answered with an HTTP error status (or an error event in a stream). */
    HTTP,
    /** The provider answered something we could not understand, or cut a stream mid-way. */
    PROTOCOL,
    /** The provider answered, but the answer failed a quality check (empty, broken JSON, …). */
    QUALITY,
    /**
     * The answer broke a configured bound (body size, stream line or event size): the provider is
     * misbehaving, so the call fails over like on any other target fault.
     */
    OVERSIZED
  }

  private final Kind kind;
  private final int status;
  private final Duration retryAfter;
  private final boolean contextLengthExceeded;
  private final boolean contentPolicy;
  private final ObjectNode clientError;
  private final boolean requestCaused;

  /**
   * @param summary short text for headers and logs, e.g. "http 503" — never a credential
   * @param status HTTP status, or 0 when there was none
   * @param retryAfter the provider's Retry-After, or null
   * @param contextLengthExceeded the provider said the prompt does not fit the context window
   * @param clientError OpenAI-shaped {@code {"error":{…}}} safe to show the client (credentials
   *     scrubbed), or null
   */
  public ProviderFailure(
      Kind kind,
      String summary,
      int status,
      Duration retryAfter,
      boolean contextLengthExceeded,
      ObjectNode clientError) {
    this(kind, summary, status, retryAfter, contextLengthExceeded, false, clientError, false);
  }

  private ProviderFailure(
      Kind kind,
      String summary,
      int status,
      Duration retryAfter,
      boolean contextLengthExceeded,
      boolean contentPolicy,
      ObjectNode clientError,
      boolean requestCaused) {
    super(summary, null, false, false);
    this.requestCaused = requestCaused;
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter;
    this.contextLengthExceeded = contextLengthExceeded;
    this.contentPolicy = contentPolicy;
    this.clientError = clientError;
  }

  /**
   * The provider refused the request or withheld the answer under its content policy (OpenAI's
   * {@code content_filter}, Gemini's safety blocks, Anthropic's refusals, Bedrock guardrails). Its
   * own class: the routing policy decides whether another provider may try.
   *
   * @param clientError OpenAI-shaped, scrubbed; its code is {@code content_filter}
   */
  public static ProviderFailure contentPolicy(int status, ObjectNode clientError) {
    return new ProviderFailure(Kind.HTTP, "content policy: http " + status, status, null, false, true, clientError, false);
  }

  public static ProviderFailure connect(String summary) {
    return new ProviderFailure(Kind.CONNECT, summary, 0, null, false, null);
  }

  public static ProviderFailure timeout(String summary) {
    return new ProviderFailure(Kind.TIMEOUT, summary, 0, null, false, null);
  }

  public static ProviderFailure protocol(String summary) {
    return new ProviderFailure(Kind.PROTOCOL, summary, 0, null, false, null);
  }

  /**
   * The provider does not offer this operation. Shaped like a 404 (this target does not have the
   * endpoint), so the call moves on to a target that may.
   */
  public static ProviderFailure unsupported(String operation) {
    return new ProviderFailure(Kind.HTTP, operation + " not supported by this provider", 404, null, false, null);
  }

  /** An answer larger than the proxy accepts; the summary says which bound. */
  public static ProviderFailure oversized(String summary) {
    return new ProviderFailure(Kind.OVERSIZED, summary, 0, null, false, null);
  }

  /** An answer that must not be served; the summary reads e.g. {@code quality: empty output}. */
  public static ProviderFailure quality(String reason) {
    return quality(reason, false);
  }

  /**
   * @param requestCaused the check failed only because of this request's own constraints (its JSON
   *     mode, schema, tools, a media answer seen for another request): the target is not at fault
   */
  public static ProviderFailure quality(String reason, boolean requestCaused) {
    return new ProviderFailure(Kind.QUALITY, "quality: " + reason, 0, null, false, false, null, requestCaused);
  }

  public Kind kind() {
    return kind;
  }

  public int status() {
    return status;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  public boolean contextLengthExceeded() {
    return contextLengthExceeded;
  }

  public boolean contentPolicy() {
    return contentPolicy;
  }

  public ObjectNode clientError() {
    return clientError;
  }

  /** A quality failure only this request's own constraints caused: see {@link #quality(String, boolean)}. */
  public boolean requestCaused() {
    return requestCaused;
  }

  public String summary() {
    return getMessage();
  }
}
