package dev.spillway.config;

/** A check every answer of a policy must pass; users write the names in camel case. */
public enum QualityCheck {
  EMPTY,
  TRUNCATED,
  REFUSAL,
  JSON,
  SCHEMA,
  TOOL_ARGUMENTS,
  SCRIPT,
  REPETITION,
  IMAGE,
  AUDIO,
  EMBEDDING,
  VIDEO
}
