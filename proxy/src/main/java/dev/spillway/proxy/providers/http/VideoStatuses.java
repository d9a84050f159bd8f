package dev.spillway.proxy.providers.http;

import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.VideoStatus;
import java.util.Locale;

/**
 * A video job's status word, as providers write it, in the OpenAI Videos API's terms. Self-hosted
 * servers of the OpenAI shape say it in several ways (pending, processing, succeeded, …).
 */
public final class VideoStatuses {
  private VideoStatuses() {}

  public static VideoStatus parse(String word) {
    return switch (word == null ? "" : word.toLowerCase(Locale.ROOT)) {
      case "queued", "pending", "submitted" -> VideoStatus.QUEUED;
      case "in_progress", "processing", "running", "generating" -> VideoStatus.IN_PROGRESS;
      case "completed", "succeeded", "success", "done" -> VideoStatus.COMPLETED;
      case "failed", "error", "cancelled", "canceled", "expired" -> VideoStatus.FAILED;
      default -> throw ProviderFailure.protocol("unknown video status '" + word + "'");
    };
  }
}
