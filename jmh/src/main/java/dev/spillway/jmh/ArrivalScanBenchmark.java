package dev.spillway.jmh;

import dev.spillway.bench.load.Prompts;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.passthrough.ObjectReading;
import dev.spillway.proxy.passthrough.SplicedObject;
import dev.spillway.proxy.passthrough.StringSpans;
import java.io.IOException;
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
 * A long prompt's parse, split as the proxy now splits it (docs/benchmarks.md, "The scan while the
 * body arrives"): {@code parseWhole} is the parse of a body that arrived in one read (it scans every
 * byte), {@code scanInParts} the work done read by read while a body arrives in 48 KB parts
 * ({@code StringSpans}), {@code parseWithSpans} what is left once the last byte is in. Forked with
 * the Vector API module, as the image runs the proxy; {@code -jvmArgsAppend -Dnone} (replacing it)
 * measures the eight-byte scan a plain {@code java -jar} gets.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ArrivalScanBenchmark {
  /** About what one network read brought per call under the bench's 1 MB calls (7.6 reads a call). */
  private static final int PART = 48 * 1024;
  private static final ObjectReading READING = ObjectReading.keepingLongText(Json.MAPPER);

  @Param({"1MB"})
  public String prompt;

  private byte[] request;
  private StringSpans spans;

  @Setup
  public void setUp() {
    request = Prompts.request(prompt).getBytes(StandardCharsets.UTF_8);
    spans = scanInParts();
  }

  @Benchmark
  public SplicedObject parseWhole() throws IOException {
    return READING.read(request).orElseThrow();
  }

  @Benchmark
  public StringSpans scanInParts() {
    StringSpans scanned = new StringSpans();
    for (int end = Math.min(PART, request.length); ; end = Math.min(end + PART, request.length)) {
      scanned.scan(request, end);
      if (end == request.length) {
        return scanned;
      }
    }
  }

  @Benchmark
  public SplicedObject parseWithSpans() throws IOException {
    return READING.read(request, spans).orElseThrow();
  }
}
