package dev.spillway.proxy.video;

import dev.spillway.proxy.quality.ImageChecks;
import dev.spillway.proxy.quality.LumaSpread;
import dev.spillway.proxy.quality.RecentOutputs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jcodec.api.FrameGrab;
import org.jcodec.api.JCodecException;
import org.jcodec.common.DemuxerTrack;
import org.jcodec.common.DemuxerTrackMeta;
import org.jcodec.common.io.ByteBufferSeekableByteChannel;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Size;
import org.jcodec.containers.mp4.demuxer.MP4Demuxer;

/**
 * Checks of a finished clip before its job is reported complete: the MP4 container parses (jcodec),
 * the duration and resolution are what was asked, sampled frames decode and are not black or blank,
 * and the sampled frames' perceptual hash is not the one a recent different prompt got from the same
 * target (a provider serving a cached or placeholder clip).
 */
final class VideoChecks {
  /** Frames decoded per clip: start, middle and end are enough to see a flat or a reused clip. */
  private static final int SAMPLED_FRAMES = 3;
  /** Fingerprints this many bits apart or fewer are the same clip. */
  private static final int SAME_CLIP_BITS = 6;
  /** Encoders round durations to frames: half a second, or a tenth of the clip, is still as asked. */
  private static final double DURATION_SLACK_SECONDS = 0.5;

  private final Map<String, RecentOutputs> recent = new ConcurrentHashMap<>();

  /** The clip's video track metadata; empty when it has none or does not parse as MP4. */
  private static Optional<DemuxerTrackMeta> meta(byte[] mp4) {
    try {
      DemuxerTrack track = MP4Demuxer.createMP4Demuxer(channel(mp4)).getVideoTrack();
      return track == null ? Optional.empty() : Optional.ofNullable(track.getMeta());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The seconds a served clip is billed for: what was asked, else (the provider chose) what the
   * clip lasts, rounded up.
   */
  static long billedSeconds(byte[] mp4, VideoRequest request) {
    if (request.seconds() > 0) {
      return request.seconds();
    }
    return meta(mp4).map(meta -> (long) Math.ceil(meta.getTotalDuration())).orElse(0L);
  }

  Optional<String> failure(byte[] mp4, VideoRequest request, String targetId) {
    Optional<DemuxerTrackMeta> parsed = meta(mp4);
    if (parsed.isEmpty()) {
      return Optional.of("clip has no video track, or does not parse as MP4");
    }
    DemuxerTrackMeta meta = parsed.get();
    double duration = meta.getTotalDuration();
    if (request.seconds() > 0
        && Math.abs(duration - request.seconds()) > Math.max(DURATION_SLACK_SECONDS, request.seconds() / 10.0)) {
      return Optional.of(String.format("clip lasts %.1f s, requested %d s", duration, request.seconds()));
    }
    Size size = meta.getVideoCodecMeta() == null ? null : meta.getVideoCodecMeta().getSize();
    if (size == null) {
      return Optional.of("clip has no frame size");
    }
    if (request.width() > 0 && (size.getWidth() != request.width() || size.getHeight() != request.height())) {
      return Optional.of("clip is " + size.getWidth() + "x" + size.getHeight() + ", requested " + request.size());
    }
    return framesFailure(mp4, meta.getTotalFrames(), size, request.prompt().hashCode(), targetId);
  }

  private Optional<String> framesFailure(byte[] mp4, int frames, Size size, int prompt, String targetId) {
    int flat = 0;
    long meanSum = 0;
    long fingerprint = 0;
    int samples = Math.max(1, Math.min(SAMPLED_FRAMES, frames));
    try {
      FrameGrab grab = FrameGrab.createFrameGrab(channel(mp4));
      for (int i = 0; i < samples; i++) {
        int frame = (int) ((i + 0.5) * Math.max(1, frames) / samples);
        Picture picture = grab.seekToFramePrecise(frame).getNativeFrame();
        if (picture == null) {
          return Optional.of("frame " + frame + " does not decode");
        }
        int[] luma = lumaThumbnail(picture, size);
        LumaSpread spread = LumaSpread.of(luma);
        meanSum += spread.mean();
        flat += spread.flat() ? 1 : 0;
        // Rotated so that the same frames in another order are another clip.
        fingerprint ^= Long.rotateLeft(ImageChecks.dHash(luma), 21 * i);
      }
    } catch (IOException | JCodecException | RuntimeException e) {
      return Optional.of("clip frames do not decode");
    }
    if (flat * 2 > samples) {
      return Optional.of(LumaSpread.dark(meanSum / samples) ? "black frames" : "blank frames");
    }
    if (recent.computeIfAbsent(targetId, id -> new RecentOutputs()).sameAsForOtherInput(fingerprint, prompt, SAME_CLIP_BITS)) {
      return Optional.of("same clip as for a different prompt");
    }
    return Optional.empty();
  }

  private static ByteBufferSeekableByteChannel channel(byte[] mp4) {
    return ByteBufferSeekableByteChannel.readFromByteBuffer(ByteBuffer.wrap(mp4));
  }

  /**
   * Luma (0..255) at a grid over the visible picture. jcodec stores 8-bit samples as signed bytes
   * offset by 128, and pads planes to whole macroblocks: the grid spans the clip's own size.
   */
  private static int[] lumaThumbnail(Picture picture, Size size) {
    int samples = ImageChecks.SAMPLES;
    byte[] plane = picture.getPlaneData(0);
    int stride = picture.getPlaneWidth(0);
    int width = Math.min(size.getWidth(), stride);
    int height = Math.min(size.getHeight(), picture.getPlaneHeight(0));
    int[] luma = new int[samples * samples];
    for (int y = 0; y < samples; y++) {
      int py = (int) ((y + 0.5) * height / samples);
      for (int x = 0; x < samples; x++) {
        luma[y * samples + x] = plane[py * stride + (int) ((x + 0.5) * width / samples)] + 128;
      }
    }
    return luma;
  }
}
