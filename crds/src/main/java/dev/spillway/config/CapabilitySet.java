package dev.spillway.config;

/**
 * What a target can do; contextWindow in tokens (prompt plus completion).
 *
 * @param reasoning accepts a reasoning request ({@code reasoning_effort} or {@code thinking}); true
 *     unless a target says otherwise, since requests carried {@code reasoning_effort} to every
 *     target before the flag existed
 */
public record CapabilitySet(
    boolean streaming,
    boolean tools,
    boolean vision,
    boolean jsonMode,
    boolean structuredOutputs,
    int contextWindow,
    boolean reasoning) {

  public static final int DEFAULT_CONTEXT_WINDOW = 8_192;
  public static final CapabilitySet DEFAULTS =
      new CapabilitySet(true, false, false, false, false, DEFAULT_CONTEXT_WINDOW, true);

  /** A target with the default reasoning (it accepts reasoning requests). */
  public CapabilitySet(
      boolean streaming, boolean tools, boolean vision, boolean jsonMode, boolean structuredOutputs, int contextWindow) {
    this(streaming, tools, vision, jsonMode, structuredOutputs, contextWindow, true);
  }
}
