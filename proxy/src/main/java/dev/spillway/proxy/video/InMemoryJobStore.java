package dev.spillway.proxy.video;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Jobs in this process's memory: the standalone mode's store. Bounded twice: at most
 * {@code maxJobs} jobs (the oldest finished go first) and {@code maxContentBytes} of clips (the
 * oldest clips go first; their jobs stay, and their content answers 404). A restart forgets all.
 */
final class InMemoryJobStore implements JobStore {
  static final int DEFAULT_MAX_JOBS = 1_000;
  static final long DEFAULT_MAX_CONTENT_BYTES = 256L * 1024 * 1024;

  private final int maxJobs;
  private final long maxContentBytes;
  /** Insertion order is age order: eviction walks from the oldest. */
  private final LinkedHashMap<String, VideoJob> jobs = new LinkedHashMap<>();
  private final LinkedHashMap<String, byte[]> contents = new LinkedHashMap<>();
  private long contentBytes;

  InMemoryJobStore() {
    this(DEFAULT_MAX_JOBS, DEFAULT_MAX_CONTENT_BYTES);
  }

  InMemoryJobStore(int maxJobs, long maxContentBytes) {
    this.maxJobs = maxJobs;
    this.maxContentBytes = maxContentBytes;
  }

  @Override
  public synchronized void save(VideoJob job) {
    if (jobs.putIfAbsent(job.id(), job) == null && jobs.size() > maxJobs) {
      evictOldestFinished();
    }
  }

  private void evictOldestFinished() {
    for (Iterator<Map.Entry<String, VideoJob>> it = jobs.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, VideoJob> entry = it.next();
      if (entry.getValue().status().finished()) {
        it.remove();
        dropContent(entry.getKey());
        return;
      }
    }
    // Every job still runs: keep them all rather than forget one a client is polling.
  }

  @Override
  public synchronized Optional<VideoJob> find(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  @Override
  public synchronized List<VideoJob> list() {
    List<VideoJob> newestFirst = new ArrayList<>(jobs.values());
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  @Override
  public synchronized Optional<VideoJob> remove(String id) {
    dropContent(id);
    return Optional.ofNullable(jobs.remove(id));
  }

  @Override
  public synchronized void saveContent(String id, byte[] mp4) {
    if (!jobs.containsKey(id) || mp4.length > maxContentBytes) {
      return;
    }
    dropContent(id);
    contents.put(id, mp4);
    contentBytes += mp4.length;
    for (Iterator<Map.Entry<String, byte[]>> it = contents.entrySet().iterator(); contentBytes > maxContentBytes; ) {
      contentBytes -= it.next().getValue().length;
      it.remove();
    }
  }

  private void dropContent(String id) {
    byte[] dropped = contents.remove(id);
    if (dropped != null) {
      contentBytes -= dropped.length;
    }
  }

  @Override
  public synchronized Optional<byte[]> content(String id) {
    return Optional.ofNullable(contents.get(id));
  }
}
