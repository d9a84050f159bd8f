package dev.spillway.config;

/** What a target can do; contextWindow in tokens (prompt plus completion). */
public record CapabilitySet(
    boolean streaming,
    boolean tools,
    boolean vision,
    boolean jsonMode,
    boolean structuredOutputs,
    int contextWindow) {

  public static final int DEFAULT_CONTEXT_WINDOW = 8_192;
  public static final CapabilitySet DEFAULTS =
      new CapabilitySet(true, false, false, false, false, DEFAULT_CONTEXT_WINDOW);
}
