package dev.spillway.proxy.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A successful plain call answered with JSON.
 *
 * @param body an OpenAI {@code chat.completion} object (or the embeddings or images body, for
 *     those operations)
 * @param usage token counts taken from the body (zeros when the provider sent none)
 */
public record Completion(ObjectNode body, Usage usage) {}
