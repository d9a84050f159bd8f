package dev.spillway.proxy.failover;

/** What a failed attempt means for the rest of the request. */
public enum FailureClass {
  /** The target could not serve right now: try the next candidate. */
  RETRYABLE,
  /** The request itself is bad: answer the client now, every candidate would refuse it too. */
  TERMINAL,
  /** The prompt does not fit: only a candidate with a larger context window can help. */
  CONTEXT_LENGTH,
  /** The account's credential was refused: try the next candidate and rest the account. */
  AUTH,
  /**
   * The provider refused the request or withheld the answer under its content policy. Not the
   * target's fault; whether another candidate may try is the routing policy's choice.
   */
  CONTENT_POLICY
}
