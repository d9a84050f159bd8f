package dev.spillway.proxy.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.passthrough.SplicedObject;

/**
 * One {@code chat.completion.chunk} on its way to the client: the bytes the upstream sent (already
 * scrubbed of secrets) with the {@link ChunkFacts} read from them as they passed. A client that
 * speaks the upstream's format gets those bytes unchanged ({@link #json}); a tree is built only
 * when something asks for one ({@link #tree}: another dialect's translation, an error event), so
 * relaying a chunk costs one scan of its bytes rather than a parse, a tree and an encoding.
 *
 * <p>Chunks translated from another provider's events are born as trees ({@link ChunkReader#of}).
 * Not thread-safe: one stream's chunks are handled one at a time.
 */
public final class ChatChunk {
  private final ChunkReader reader;
  /** The chunk's JSON as received; null for a chunk born as a tree. */
  private final byte[] json;
  /** The bytes to cut to drop the {@code usage} member (its comma included); -1 when unknown. */
  private final int usageFrom;
  private final int usageTo;
  private final ChunkFacts facts;
  private ObjectNode tree;

  ChatChunk(ChunkReader reader, byte[] json, int usageFrom, int usageTo, ChunkFacts facts, ObjectNode tree) {
    this.reader = reader;
    this.json = json;
    this.usageFrom = usageFrom;
    this.usageTo = usageTo;
    this.facts = facts;
    this.tree = tree;
  }

  public ChunkFacts facts() {
    return facts;
  }

  /**
   * The chunk as a JSON tree, parsed on first use. Read it, never change it: a client of the
   * upstream's own format is written {@link #json}, which would not show the change.
   */
  public ObjectNode tree() {
    if (tree == null) {
      tree = reader.tree(json);
    }
    return tree;
  }

  /** The chunk's JSON for the client: the bytes as received when it came as bytes. */
  public byte[] json() {
    return json != null ? json : reader.bytes(tree);
  }

  /**
   * This chunk without its {@code usage} member (the proxy asks every stream for usage; a client
   * that did not ask gets none): the same bytes with the member cut out, or this chunk when it has
   * none.
   */
  public ChatChunk withoutUsage() {
    if (!facts.hasUsage()) {
      return this;
    }
    ChunkFacts rest = new ChunkFacts(facts.id(), facts.model(), facts.hasError(), false, null, facts.choices());
    if (json != null && usageFrom >= 0) {
      byte[] cut = new byte[json.length - (usageTo - usageFrom)];
      System.arraycopy(json, 0, cut, 0, usageFrom);
      System.arraycopy(json, usageTo, cut, usageFrom, json.length - usageTo);
      return new ChatChunk(reader, cut, -1, -1, rest, null);
    }
    ObjectNode copy = SplicedObject.shallowCopy(tree());
    copy.remove("usage");
    return new ChatChunk(reader, null, -1, -1, rest, copy);
  }
}
