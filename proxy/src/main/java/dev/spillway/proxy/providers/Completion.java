package dev.spillway.proxy.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A successful plain call.
 *
 * @param body an OpenAI {@code chat.completion} object
 * @param usage token counts taken from the body (zeros when the provider sent none)
 */
public record Completion(ObjectNode body, Usage usage) {}
