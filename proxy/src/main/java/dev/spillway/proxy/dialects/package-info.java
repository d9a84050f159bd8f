/**
 * Inbound APIs spoken on top of chat completions: the OpenAI Responses API ({@code responses}) and
 * Anthropic's Messages API ({@code messages}). Each request is translated at the edge into the
 * internal chat-completions body, routed, failed over, hedged, checked and traced exactly as a chat
 * call ({@link dev.spillway.proxy.dialects.EngineCall} is the one place that drives the engine),
 * and the served completion or chunk stream is translated back into the dialect's answer or typed
 * events. Lossless Anthropic features travel in the internal body by LiteLLM's conventions
 * ({@code thinking}, {@code cache_control}, {@code thinking_blocks}, cached-token usage).
 */
package dev.spillway.proxy.dialects;
