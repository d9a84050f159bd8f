package dev.spillway.proxy.providers;

import java.util.Locale;

/** Where a video job stands, in the OpenAI Videos API's words. */
public enum VideoStatus {
  QUEUED,
  IN_PROGRESS,
  COMPLETED,
  FAILED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean finished() {
    return this == COMPLETED || this == FAILED;
  }
}
