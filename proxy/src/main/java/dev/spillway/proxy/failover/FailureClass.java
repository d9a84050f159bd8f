package dev.spillway.proxy.failover;

/** What a failed attempt means for the rest of the request. */
public enum FailureClass {
  /** The target could not serve right now: try the next candidate. */
  RETRYABLE,
  /** The answer goes to the client now, whatever candidates are left (a refusal the policy answers). */
  TERMINAL,
  /**
   * The provider rejected the request (a 4xx other than authentication, rate limit, not found or
   * context length). Another candidate may well accept it: a parameter one provider does not
   * support, a model that one account cannot use, an account-level refusal such as an exhausted
   * credit balance. So the call moves on, but the target is not counted at fault (a client sending
   * bad requests opens no circuit for anyone); when every candidate tried rejected the request, the
   * first rejection is the client's answer.
   */
  REJECTED,
  /** The prompt does not fit: only a candidate with a larger context window can help. */
  CONTEXT_LENGTH,
  /** The account's credential was refused: try the next candidate and rest the account. */
  AUTH,
  /**
   * The answer failed a check that only this request's own constraints make fail (its JSON mode,
   * schema or tools; a media answer already seen for another request): try the next candidate, but
   * the target is not at fault, so its health and breaker do not count it and no client can open a
   * circuit for the others.
   */
  REQUEST_CAUSED,
  /**
   * The provider refused the request or withheld the answer under its content policy. Not the
   * target's fault; whether another candidate may try is the routing policy's choice.
   */
  CONTENT_POLICY;

  /** Whether the failure says something about the target's health (breaker, error rate). */
  public boolean countsAgainstTarget() {
    return this == RETRYABLE || this == AUTH;
  }
}
