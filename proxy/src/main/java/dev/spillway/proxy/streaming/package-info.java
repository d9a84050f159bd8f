/**
 * Streaming calls: {@link dev.spillway.proxy.streaming.StreamCall} holds chunks back until the first
 * real token so failover stays invisible until then, and {@link dev.spillway.proxy.streaming.SseWriter}
 * writes the event stream to the client without blocking.
 */
package dev.spillway.proxy.streaming;
