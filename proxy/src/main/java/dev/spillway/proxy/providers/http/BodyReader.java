package dev.spillway.proxy.providers.http;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.ChannelListener;
import org.xnio.channels.StreamSourceChannel;

/** Reads an answer's body as it arrives, without blocking, until its end (the channel decodes chunking and length). */
final class BodyReader implements ChannelListener<StreamSourceChannel> {
  /** Where the bytes go. {@code more} returns false to stop reading (the exchange ended meanwhile). */
  interface Sink {
    boolean more(ByteBuffer bytes);

    void end();

    /** The connection broke ({@link IOException}), or handling the bytes threw. */
    void failed(Exception e);
  }

  private final ByteBufferPool buffers;
  private final Sink sink;

  private BodyReader(ByteBufferPool buffers, Sink sink) {
    this.buffers = buffers;
    this.sink = sink;
  }

  static void read(StreamSourceChannel body, ByteBufferPool buffers, Sink sink) {
    BodyReader reader = new BodyReader(buffers, sink);
    body.getReadSetter().set(reader);
    reader.handleEvent(body);
  }

  @Override
  public void handleEvent(StreamSourceChannel channel) {
    try (PooledByteBuffer pooled = buffers.allocate()) {
      ByteBuffer buffer = pooled.getBuffer();
      while (true) {
        buffer.clear();
        int read = channel.read(buffer);
        if (read == -1) {
          sink.end();
          return;
        }
        if (read == 0) {
          channel.resumeReads();
          return;
        }
        buffer.flip();
        if (!sink.more(buffer)) {
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      sink.failed(e);
    }
  }
}
