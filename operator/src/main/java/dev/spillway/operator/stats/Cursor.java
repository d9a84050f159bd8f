package dev.spillway.operator.stats;

/**
 * Where the operator stopped reading one replica's transition log.
 *
 * @param instance the replica's run; a different one means it restarted and numbering began again
 * @param seq the last sequence number read
 */
public record Cursor(String instance, long seq) {
  public static final Cursor START = new Cursor("", 0);
}
