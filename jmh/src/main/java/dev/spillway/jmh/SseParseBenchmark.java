package dev.spillway.jmh;

import dev.spillway.proxy.providers.http.SseParser;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** Cost of turning upstream SSE lines into events: paid for every streamed chunk. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SseParseBenchmark {
  private static final byte[] CHUNK =
      ("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
          + "\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello \"}}]}")
          .getBytes(StandardCharsets.UTF_8);

  @Benchmark
  public void oneChunkEvent(Blackhole sink) {
    SseParser parser = new SseParser(1 << 20, (event, data) -> sink.consume(data));
    parser.line(CHUNK, 0, CHUNK.length);
    parser.line(CHUNK, 0, 0);
  }
}
