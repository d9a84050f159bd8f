/**
 * The OpenAI-compatible HTTP surface on Undertow: one handler per concern (body reading and size
 * limit, chat completions, models, probes), errors in the OpenAI shape
 * ({@link dev.spillway.proxy.http.ApiError}), and the x-spillway-* routing headers.
 */
package dev.spillway.proxy.http;
