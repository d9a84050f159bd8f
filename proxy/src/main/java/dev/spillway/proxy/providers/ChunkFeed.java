package dev.spillway.proxy.providers;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * One thread's parser for stream chunks: Jackson's non-blocking parser, fed one chunk after the
 * other, so a chunk costs its tokens and not a new parser (a parser, its input context, buffers,
 * symbol-table child and nesting contexts were most of what reading a ~200-byte chunk allocated,
 * for every chunk of every stream). A chunk is a whole JSON value: once its object ends, the rest
 * of its bytes must be spacing, and the parser is back at the top level for the next chunk. A chunk
 * that is not read to such an end (bad JSON, cut short, not an object) leaves the parser in the
 * middle of a value: it is {@link #discard discarded} and the next chunk gets a new one.
 *
 * <p>Bounded: a parser serves at most {@link #CHUNKS_PER_PARSER} chunks, so what it keeps between
 * chunks (the field names it has seen, capped at 64 Ki by Jackson in any case, and its text buffer,
 * as large as the longest string of a chunk, itself bounded by the stream's event limit) is let go
 * regularly.
 */
final class ChunkFeed {
  static final int CHUNKS_PER_PARSER = 4_096;

  private final ObjectMapper mapper;
  private final ThreadLocal<Parser> parsers = new ThreadLocal<>();

  ChunkFeed(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** This thread's parser, fed {@code json}: its next token is the chunk's first. */
  Parser feed(byte[] json) throws IOException {
    Parser parser = parsers.get();
    if (parser == null || parser.chunks >= CHUNKS_PER_PARSER) {
      if (parser != null) {
        parser.json.close();
      }
      parser = new Parser(mapper.createNonBlockingByteArrayParser());
      parsers.set(parser);
    }
    parser.take(json);
    return parser;
  }

  /** The chunk just fed was not read to its end: this thread's parser is not used again. */
  void discard() {
    Parser parser = parsers.get();
    parsers.remove();
    if (parser != null) {
      try {
        parser.json.close();
      } catch (IOException ignored) {
        // nothing was read from a stream: closing only returns buffers
      }
    }
  }

  /** A non-blocking parser and where the current chunk starts in everything it was fed. */
  static final class Parser {
    final JsonParser json;
    private final ByteArrayFeeder feeder;
    /** Bytes fed before the current chunk. */
    private long before;
    private byte[] chunk = new byte[0];
    private int chunks;

    private Parser(JsonParser json) {
      this.json = json;
      this.feeder = (ByteArrayFeeder) json.getNonBlockingInputFeeder();
    }

    private void take(byte[] json) throws IOException {
      before += chunk.length;
      chunk = json;
      chunks++;
      feeder.feedInput(json, 0, json.length);
    }

    /** The chunk being read. */
    byte[] chunk() {
      return chunk;
    }

    /**
     * Where the current field name starts in the chunk (its opening quote). The non-blocking parser
     * reports a name's offset one past its first byte (it counts after taking that byte; the
     * blocking parser subtracts the one), hence the {@code - 1}; its offsets of closing brackets
     * are not where they stand at all (see {@link #objectEnd}). {@code ChunkReaderTest} cuts
     * members by these offsets and fails if that ever changes.
     */
    int tokenStart() {
      return (int) (json.currentTokenLocation().getByteOffset() - before - 1);
    }

    /**
     * Where the chunk's object closes: its last byte other than spacing (a chunk is one object,
     * as {@link #end} makes sure).
     */
    int objectEnd() {
      int at = chunk.length - 1;
      while (at > 0 && spacing(chunk[at])) {
        at--;
      }
      return at;
    }

    private static boolean spacing(byte b) {
      return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    /**
     * After the chunk's object ended: the rest of the chunk must be spacing, which the parser then
     * takes, so it is back at the top level and has taken all it was fed.
     *
     * @throws JsonParseException something follows the object (the parser must then be discarded)
     */
    void end() throws IOException {
      int after = (int) (json.currentLocation().getByteOffset() - before);
      for (int at = after; at < chunk.length; at++) {
        if (!spacing(chunk[at])) {
          throw new JsonParseException(json, "Trailing token after the chunk's object");
        }
      }
      if (json.nextToken() != JsonToken.NOT_AVAILABLE) {
        throw new JsonParseException(json, "Trailing token after the chunk's object");
      }
    }
  }
}
