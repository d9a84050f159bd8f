package dev.spillway.proxy.eval;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a side fell short on a case. The harness classes are answers that are right in substance but
 * not in the shape the graders (and so the application) expect: a swap that only differs there
 * needs a prompt or parser change, not a model veto.
 */
public enum Reason {
  WRONG_ANSWER("wrongAnswer", false),
  CODE_FENCE("codeFence", true),
  ESCAPING("escaping", true),
  WHITESPACE_OR_CASE("whitespaceOrCase", true),
  LENGTH_CUT("lengthCut", true),
  REFUSAL("refusal", true),
  EMPTY("empty", false),
  TOO_SLOW("tooSlow", false),
  CALL_FAILED("callFailed", false),
  UNJUDGED("unjudged", false);

  private final String wireName;
  private final boolean harness;

  Reason(String wireName, boolean harness) {
    this.wireName = wireName;
    this.harness = harness;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** A format or harness mismatch rather than a wrong answer. */
  public boolean harness() {
    return harness;
  }
}
