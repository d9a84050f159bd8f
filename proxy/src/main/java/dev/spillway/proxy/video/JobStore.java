package dev.spillway.proxy.video;

import java.util.List;
import java.util.Optional;

/**
 * Where video jobs and their clips are kept. The driver saves a job at every change of its state,
 * so a store that serialises (shared state) always holds the latest; the in-memory store holds the
 * live objects.
 */
interface JobStore {

  /** Adds the job, or records its new state. */
  void save(VideoJob job);

  Optional<VideoJob> find(String id);

  /** Newest first. */
  List<VideoJob> list();

  Optional<VideoJob> remove(String id);

  void saveContent(String id, byte[] mp4);

  /** The clip, or empty when the job has none (yet, or any longer: stores may drop old clips). */
  Optional<byte[]> content(String id);
}
