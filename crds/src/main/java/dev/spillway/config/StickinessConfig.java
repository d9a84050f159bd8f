package dev.spillway.config;

/**
 * Where the user key of sticky routing comes from.
 *
 * @param source header or body
 * @param name the header name (lower case) or body field
 */
public record StickinessConfig(String source, String name) {}
