/** Google's Gemini API where its OpenAI-compatible endpoint does not reach: Veo video jobs. */
package dev.spillway.proxy.providers.gemini;
