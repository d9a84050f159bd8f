package dev.spillway.proxy.providers;

/**
 * A provider's own video job as last seen.
 *
 * @param id the provider's job id (an operation name for Veo)
 * @param progress 0 to 100; providers that report none give 0 until done
 * @param error why a {@link VideoStatus#FAILED} job failed, or null
 */
public record UpstreamVideo(String id, VideoStatus status, int progress, String error) {

  public static UpstreamVideo of(String id, VideoStatus status, int progress) {
    return new UpstreamVideo(id, status, progress, null);
  }
}
