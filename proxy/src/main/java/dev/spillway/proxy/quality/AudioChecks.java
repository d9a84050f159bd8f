package dev.spillway.proxy.quality;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.proxy.providers.Speech;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks of a speech answer: the audio decodes, is not mostly silence, is not clipped, lasts about
 * as long as the text needs (against the voice's own learned pace), and is not the same sound a
 * recent different text got. Decoding covers WAV (javax.sound.sampled) and raw PCM; compressed
 * formats (mp3, opus, aac, flac) have no decoder in the JDK, so only their presence is checked.
 */
public final class AudioChecks {
  /** A 20 ms frame below this RMS (about -50 dBFS) is silent. */
  private static final double SILENT_RMS = 0.003;
  private static final double MAX_SILENT_SHARE = 0.9;
  private static final double CLIPPED_LEVEL = 0.99;
  private static final double MAX_CLIPPED_SHARE = 0.01;
  private static final int SAME_AUDIO_BITS = 4;

  private final Map<String, RecentOutputs> recent = new ConcurrentHashMap<>();
  private final Map<String, SpeechPace> paces = new ConcurrentHashMap<>();

  public Optional<CheckFailure> failure(Speech speech, JsonNode request, String targetId) {
    if (speech.audio().length == 0) {
      return Optional.of(CheckFailure.target("empty audio"));
    }
    Pcm pcm = Pcm.decode(speech.audio(), speech.format());
    if (pcm == null) {
      return Pcm.decodable(speech.format()) ? Optional.of(CheckFailure.target("audio does not decode")) : Optional.empty();
    }
    if (pcm.samples().length == 0) {
      return Optional.of(CheckFailure.target("empty audio"));
    }
    double[] frames = pcm.frameRms(0.02);
    int silent = 0;
    for (double rms : frames) {
      silent += rms < SILENT_RMS ? 1 : 0;
    }
    if (silent > MAX_SILENT_SHARE * frames.length) {
      return Optional.of(CheckFailure.target("mostly silence (" + (100 * silent / frames.length) + "% of frames)"));
    }
    if (pcm.clippedShare(CLIPPED_LEVEL) > MAX_CLIPPED_SHARE) {
      return Optional.of(CheckFailure.target("clipped audio"));
    }
    String text = request.path("input").asText("");
    String voice = targetId + "|" + request.path("voice").asText("");
    Optional<String> pace = paces.computeIfAbsent(voice, v -> new SpeechPace()).implausible(pcm.seconds(), text.length());
    if (pace.isPresent()) {
      return pace.map(CheckFailure::request); // judged against this text's length
    }
    long fingerprint = Pcm.envelopeFingerprint(frames);
    if (recent.computeIfAbsent(targetId, id -> new RecentOutputs())
        .sameAsForOtherInput(fingerprint, text.hashCode(), SAME_AUDIO_BITS)) {
      return Optional.of(CheckFailure.request("same audio as for a different text"));
    }
    return Optional.empty();
  }
}
