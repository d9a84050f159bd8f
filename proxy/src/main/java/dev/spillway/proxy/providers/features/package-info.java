/**
 * Provider features carried in the internal, OpenAI chat-completions shaped body, following
 * LiteLLM's conventions so the inbound APIs and every adapter agree: top-level {@code thinking}
 * and {@code reasoning_effort}; {@code cache_control} on content parts, tools and system parts;
 * {@code thinking_blocks} and {@code reasoning_content} on assistant messages and stream deltas;
 * {@code prompt_tokens_details.cached_tokens} and {@code cache_creation_input_tokens} in usage.
 * The helpers here read and write those conventions once, for all adapters.
 */
package dev.spillway.proxy.providers.features;
