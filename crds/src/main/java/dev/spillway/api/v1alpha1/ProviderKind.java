package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonValue;

/** The wire protocol a ProviderAccount speaks. */
public enum ProviderKind {
  OPENAI("openai"),
  ANTHROPIC("anthropic"),
  GEMINI("gemini"),
  BEDROCK("bedrock"),
  VERTEX("vertex"),
  OPENAI_COMPATIBLE("openai-compatible"),
  SIMULATED("simulated");

  private final String wireName;

  ProviderKind(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /**
   * Whether the provider has the API at all (or Spillway's adapter for it does): a target listing
   * an endpoint its provider lacks is a config error, not a call that fails at run time.
   */
  public boolean serves(Endpoint endpoint) {
    return switch (this) {
      case OPENAI, OPENAI_COMPATIBLE, SIMULATED -> true;
      case GEMINI -> endpoint == Endpoint.CHAT || endpoint == Endpoint.VIDEO;
      case ANTHROPIC, BEDROCK, VERTEX -> endpoint == Endpoint.CHAT;
    };
  }

  /** Whether calls need a credential; self-hosted OpenAI-compatible servers and simulations may not. */
  public boolean requiresCredentials() {
    return this != OPENAI_COMPATIBLE && this != SIMULATED;
  }

  /** Whether the account must name its region (the endpoint and the signature depend on it). */
  public boolean requiresRegion() {
    return this == BEDROCK || this == VERTEX;
  }
}
