package dev.spillway.jmh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.bench.load.Prompts;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.passthrough.ObjectReading;
import dev.spillway.proxy.passthrough.SplicedBytes;
import dev.spillway.proxy.passthrough.SplicedObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The body sent upstream when the target names the model otherwise than the client (a common
 * production config; the bench's own config keeps the name): {@code assembled} is the one array
 * the JDK transport (TLS upstreams) still gets, {@code pieces} what the event-loop transport
 * writes with a gathering write, the prompt a slice of the client's array. Run with
 * {@code -prof gc}: the allocation per call is the figure that does not move with the box's load.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SplicedBodyBenchmark {
  @Param({"1KB", "1MB"})
  public String prompt;

  private ObjectNode renamed;

  @Setup
  public void setUp() {
    byte[] request = Prompts.request(prompt).getBytes(StandardCharsets.UTF_8);
    try {
      renamed = SplicedObject.shallowCopy(ObjectReading.keepingLongText(Json.MAPPER).read(request).orElseThrow());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    renamed.put("model", "gpt-4o-mini-2024-07-18");
  }

  @Benchmark
  public byte[] assembled() {
    return SplicedObject.bytes(renamed, Json.MAPPER);
  }

  /** The pieces and the buffers of the first write. */
  @Benchmark
  public ByteBuffer[] pieces() {
    SplicedBytes pieces = SplicedObject.pieces(renamed, Json.MAPPER);
    return pieces.buffers(0);
  }
}
