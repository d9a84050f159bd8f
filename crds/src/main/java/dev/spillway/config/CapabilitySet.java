package dev.spillway.config;

import dev.spillway.api.v1alpha1.Endpoint;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a target can do; contextWindow in tokens (prompt plus completion).
 *
 * @param reasoning accepts a reasoning request ({@code reasoning_effort} or {@code thinking}); true
 *     unless a target says otherwise, since requests carried {@code reasoning_effort} to every
 *     target before the flag existed
 * @param endpoints the APIs the target serves; a config built in code serves every one unless it
 *     says, a LogicalModel resource only chat unless it says ({@link Endpoint#DEFAULT})
 */
public record CapabilitySet(
    boolean streaming,
    boolean tools,
    boolean vision,
    boolean jsonMode,
    boolean structuredOutputs,
    int contextWindow,
    boolean reasoning,
    Set<Endpoint> endpoints) {

  public static final int DEFAULT_CONTEXT_WINDOW = 8_192;
  public static final CapabilitySet DEFAULTS =
      new CapabilitySet(true, false, false, false, false, DEFAULT_CONTEXT_WINDOW, true);

  public CapabilitySet {
    // Null in a published config from before endpoints existed: it served every endpoint. An
    // EnumSet iterates in declaration order, so the canonical JSON (and the config version hashed
    // from it) is the same in every JVM; Set.copyOf's order follows the enums' identity hashes.
    EnumSet<Endpoint> ordered = EnumSet.noneOf(Endpoint.class);
    ordered.addAll(endpoints == null ? EnumSet.allOf(Endpoint.class) : endpoints);
    endpoints = Collections.unmodifiableSet(ordered);
  }

  /** A target serving every endpoint. */
  public CapabilitySet(boolean streaming, boolean tools, boolean vision, boolean jsonMode, boolean structuredOutputs,
      int contextWindow, boolean reasoning) {
    this(streaming, tools, vision, jsonMode, structuredOutputs, contextWindow, reasoning, null);
  }

  /** A target with the default reasoning (it accepts reasoning requests), serving every endpoint. */
  public CapabilitySet(
      boolean streaming, boolean tools, boolean vision, boolean jsonMode, boolean structuredOutputs, int contextWindow) {
    this(streaming, tools, vision, jsonMode, structuredOutputs, contextWindow, true);
  }

  /** The same capabilities, serving these endpoints. */
  public CapabilitySet serving(Set<Endpoint> served) {
    return new CapabilitySet(streaming, tools, vision, jsonMode, structuredOutputs, contextWindow, reasoning, served);
  }
}
