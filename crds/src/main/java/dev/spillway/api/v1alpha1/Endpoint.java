package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Set;

/**
 * An API a model can serve. A target serves only the endpoints its capabilities list, so a call to
 * one never reaches a model made for another (a chat model asked for speech).
 */
public enum Endpoint {
  /** {@code /v1/chat/completions}, and {@code /v1/responses} and {@code /v1/messages}, which become chat calls. */
  CHAT("chat", "/v1/chat/completions"),
  EMBEDDINGS("embeddings", "/v1/embeddings"),
  IMAGES("images", "/v1/images/generations"),
  SPEECH("speech", "/v1/audio/speech"),
  TRANSCRIPTIONS("transcriptions", "/v1/audio/transcriptions"),
  VIDEO("video", "/v1/videos");

  /** What a model serves when its resource does not say: chat, what most models are. */
  public static final Set<Endpoint> DEFAULT = Set.of(CHAT);

  private final String wireName;
  private final String path;

  Endpoint(String wireName, String path) {
    this.wireName = wireName;
    this.path = path;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The path clients call, for messages. */
  public String path() {
    return path;
  }
}
