package dev.spillway.proxy.passthrough;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;
import java.io.IOException;

/**
 * The mapper's factory for the pass-through: byte input in UTF-8 gets a {@link SpanningParser};
 * anything else (UTF-16 or UTF-32, a byte-order mark) gets Jackson's own parser, whose offsets are
 * not byte offsets, so {@link ObjectReading} reads such a body as a plain tree.
 */
final class SpanningFactory extends JsonFactory {
  private static final long serialVersionUID = 1L;

  SpanningFactory() {}

  private SpanningFactory(SpanningFactory source) {
    super(source, null);
  }

  @Override
  public JsonFactory copy() {
    return new SpanningFactory(this);
  }

  @Override
  protected JsonParser _createParser(byte[] data, int offset, int length, IOContext context) throws IOException {
    // Jackson's own detection reads UTF-8 from two leading bytes that are neither zero nor a
    // byte-order mark (a first byte below 0x80 is never one); JSON text starts with ASCII.
    boolean utf8 = length >= 2 && data[offset] > 0 && data[offset + 1] != 0;
    if (!utf8 || !JsonFactory.Feature.CANONICALIZE_FIELD_NAMES.enabledIn(_factoryFeatures)) {
      return super._createParser(data, offset, length, context);
    }
    return new SpanningParser(context, _parserFeatures, _objectCodec,
        _byteSymbolCanonicalizer.makeChildOrPlaceholder(_factoryFeatures), data, offset, offset + length);
  }
}
