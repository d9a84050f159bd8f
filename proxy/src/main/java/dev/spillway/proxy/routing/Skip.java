package dev.spillway.proxy.routing;

/** A target left out of a request, and why, for error bodies and fallback headers. */
public record Skip(String target, String reason) {}
