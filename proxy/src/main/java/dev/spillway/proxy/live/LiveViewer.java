package dev.spillway.proxy.live;

/** Someone watching the live log: takes each new line without blocking, or drops it. */
public interface LiveViewer {
  /** @return false when the viewer's buffer was full and the line was dropped */
  boolean offer(LiveEvent event);
}
