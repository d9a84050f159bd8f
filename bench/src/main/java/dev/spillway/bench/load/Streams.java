package dev.spillway.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Streaming calls: time to first body bytes (the first token; Spillway holds its headers back until
 * then) and whether each stream ended with {@code [DONE]}.
 *
 * <p>Thousands of concurrent streams come from one thread over non-blocking sockets (one selector,
 * pre-encoded request bytes, each read only scanned for the header end and {@code [DONE]}). The JDK
 * HttpClient did this before and was the bottleneck itself: with 5,000 streams its one selector
 * thread handed ~20,000 chunks a second through its subscriber machinery, and first tokens straight
 * from the mock took seconds (p50 2.4 s). Here a chunk costs one read into a shared buffer.
 */
public final class Streams {
  private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(150);
  /** How often streams past their first token are read (see {@link Loop}). */
  private static final long SWEEP_NS = TimeUnit.MILLISECONDS.toNanos(500);
  /** The most of one loop turn spent reading parked streams (see {@link Sweep}). */
  private static final long SWEEP_SLICE_NS = TimeUnit.MILLISECONDS.toNanos(1);

  private Streams() {}

  /**
   * @param openLateness how late (ns) each stream was opened against its schedule: the generator's
   *     own lag, near zero when it keeps up
   * @param errorKinds how the failed streams failed (status, exception, or no [DONE]), with counts
   * @param generatorCpu CPU time of the generator's thread over its wall time (1 = a whole core):
   *     far below 1 when the generator is not what limits the figures
   * @param openWhenSampled streams still open once the sample (heap, RSS) was taken: all of them
   *     when the streams outlived the sampling, as they must for a memory figure per open stream;
   *     -1 when nothing was sampled
   * @param waits each good stream's wait for its first token, on the wall clock (concurrent runs
   *     only), to lay over the server's GC pauses
   */
  public record Result(Histogram firstToken, Histogram openLateness, long ok, long errors,
      Map<String, Long> errorKinds, double generatorCpu, int openWhenSampled, List<Wait> waits) {}

  /** A stream opened at {@code openedMs} (epoch ms) and had its first token {@code firstTokenNs} later. */
  public record Wait(long openedMs, long firstTokenNs) {
    public double endMs() {
      return openedMs + firstTokenNs / 1e6;
    }
  }

  /** Sample of the system while the streams are open. */
  public interface WhileOpen {
    void sample() throws Exception;
  }

  /**
   * {@code count} one-token streams one after the other on one keep-alive connection: time to first
   * token with nothing else going on.
   */
  public static Result sequential(Target target, int count) {
    Histogram ttft = Histograms.create();
    Map<String, Long> kinds = new TreeMap<>();
    long ok = 0;
    try (BlockingConnection connection = new BlockingConnection(target.streaming(1))) {
      for (int i = 0; i < count; i++) {
        long start = System.nanoTime();
        try {
          BlockingConnection.StreamAnswer answer = connection.stream();
          String failure = answer.status() != 200 ? "status " + answer.status() : answer.done() ? null : "no [DONE]";
          if (failure == null) {
            ttft.recordValue(Math.max(1, answer.firstBodyAt() - start));
            ok++;
          } else {
            kinds.merge(failure, 1L, Long::sum);
          }
        } catch (IOException e) {
          connection.close();
          kinds.merge(e.getClass().getSimpleName(), 1L, Long::sum);
        }
      }
    }
    return new Result(ttft, Histograms.create(), ok, count - ok, kinds, Double.NaN, -1, List.of());
  }

  /**
   * Opens {@code count} streams of {@code tokens} chunks at {@code openPerSecond}, samples the
   * system a second after the last is open (the mock keeps each open for seconds), then waits for
   * all to end.
   */
  public static Result concurrent(Target target, int count, int tokens, int openPerSecond, WhileOpen sample)
      throws Exception {
    Loop loop = new Loop(target, count, tokens, openPerSecond);
    Thread thread = new Thread(loop, "streams-" + target.name());
    thread.start();
    try {
      loop.allOpen.await();
      Thread.sleep(1_000); // a fixed point in time while every stream is open, not a synchronisation
      sample.sample();
      loop.openWhenSampled = count - loop.ended;
      thread.join(TimeUnit.NANOSECONDS.toMillis(TIMEOUT_NS) + 30_000);
    } finally {
      thread.interrupt();
      thread.join();
    }
    if (loop.failure != null) {
      throw new IllegalStateException("stream load generator failed", loop.failure);
    }
    return loop.result();
  }

  /**
   * The selector loop: opens streams on schedule, reads every answer, closes each at its end. Once
   * a stream's first token is in, only its end matters ([DONE], then the server closes): it leaves
   * the selector and is read every {@link #SWEEP_NS} instead, a few chunks per read (a whole
   * stream, ~10 KB, fits the socket's receive buffer), so the thousands of later chunks cost
   * neither wake-ups nor a read each, and the thread stays free for first tokens and opening; the
   * reads are spread over the loop's turns a millisecond at a time ({@link Sweep}).
   */
  private static final class Loop implements Runnable {
    private final InetSocketAddress address;
    private final byte[] request;
    private final int count;
    private final long periodNs;
    private final CountDownLatch allOpen = new CountDownLatch(1);
    private final Histogram ttft = Histograms.create();
    private final Histogram lateness = Histograms.create();
    private final Map<String, Long> kinds = new TreeMap<>();
    private final Set<Stream> open = new HashSet<>();
    /** Streams past their first token, out of the selector, read on each sweep. */
    private final Set<Stream> parked = new HashSet<>();
    private final List<Wait> waits = new ArrayList<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
    private long ok;
    /** Streams ended so far, for the sampling thread. */
    private volatile int ended;
    private volatile int openWhenSampled = -1;
    private volatile double cpu = Double.NaN;
    private volatile Exception failure;

    Loop(Target target, int count, int tokens, int openPerSecond) {
      this.address = new InetSocketAddress("127.0.0.1", target.port());
      // Connection: close, so the end of the answer is the end of the connection.
      this.request = target.streaming(tokens).encodedClosingRequest();
      this.count = count;
      this.periodNs = TimeUnit.SECONDS.toNanos(1) / openPerSecond;
    }

    Result result() {
      return new Result(ttft, lateness, ok, count - ok, kinds, cpu, openWhenSampled, List.copyOf(waits));
    }

    @Override
    public void run() {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long cpuStart = threads.getCurrentThreadCpuTime();
      long wallStart = System.nanoTime();
      try (Selector selector = Selector.open()) {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        long deadline = start + count * periodNs + TIMEOUT_NS;
        int opened = 0;
        Sweep<Stream> sweep = new Sweep<>(SWEEP_NS, SWEEP_SLICE_NS, System::nanoTime);
        while (ended < count && !Thread.currentThread().isInterrupted()) {
          long now = System.nanoTime();
          for (; opened < count && start + opened * periodNs <= now; opened++) {
            lateness.recordValue(Math.max(1, now - (start + opened * periodNs)));
            ended += open(selector);
          }
          if (opened == count) {
            allOpen.countDown();
          }
          if (now > deadline) {
            for (Stream stream : List.copyOf(open)) {
              ended += stream.end("timeout");
            }
            break;
          }
          ended += sweep.slice(parked, Stream::sweep);
          long untilNext = Math.min(sweep.untilNextNs(), opened < count ? start + opened * periodNs - now : Long.MAX_VALUE);
          if (sweep.pending()) {
            selector.selectNow(); // a round is part-read: take what is ready and go on with it
          } else {
            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(untilNext)));
          }
          Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
          while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            ended += ((Stream) key.attachment()).ready(key);
          }
        }
      } catch (Exception e) {
        failure = e;
      } finally {
        cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / (double) Math.max(1, System.nanoTime() - wallStart);
        allOpen.countDown();
        for (Stream stream : List.copyOf(open)) {
          stream.end("generator stopped");
        }
      }
    }

    /** Opens one stream; returns 1 when it already ended (the connect failed at once). */
    private int open(Selector selector) throws IOException {
      // Timed from its own connect, not the batch's: a late loop opens several streams in a row.
      Stream stream = new Stream(System.nanoTime(), System.currentTimeMillis());
      open.add(stream);
      try {
        stream.channel = SocketChannel.open();
        stream.channel.configureBlocking(false);
        stream.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        boolean connected = stream.channel.connect(address);
        stream.key = stream.channel.register(selector, connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT,
            stream);
        return 0;
      } catch (IOException e) {
        return stream.end(e.getClass().getSimpleName());
      }
    }

    /** One stream's connection and what has been read of its answer. */
    private final class Stream {
      private final long started;
      private final long startedMs;
      private final ByteBuffer toSend = ByteBuffer.wrap(request);
      private final byte[] head = new byte[8192];
      private final DoneMatcher done = new DoneMatcher();
      private SocketChannel channel;
      private SelectionKey key;
      private int headLength;
      private int status = -1;
      private long firstAt;

      Stream(long started, long startedMs) {
        this.started = started;
        this.startedMs = startedMs;
      }

      /** Handles one readiness event; returns 1 when the stream ended. */
      int ready(SelectionKey selected) {
        try {
          if (selected.isConnectable()) {
            channel.finishConnect();
            key.interestOps(SelectionKey.OP_WRITE);
          }
          if (selected.isValid() && selected.isWritable()) {
            channel.write(toSend);
            if (!toSend.hasRemaining()) {
              key.interestOps(SelectionKey.OP_READ);
            }
          }
          if (selected.isValid() && selected.isReadable()) {
            return read();
          }
          return 0;
        } catch (IOException e) {
          return end(e.getClass().getSimpleName());
        }
      }

      /** A parked stream's read: whatever arrived since the last sweep. Returns 1 when it ended. */
      int sweep() {
        try {
          return read();
        } catch (IOException e) {
          return end(e.getClass().getSimpleName());
        }
      }

      private int read() throws IOException {
        for (int n = channel.read(buffer.clear()); n != 0; n = channel.read(buffer.clear())) {
          if (n < 0) {
            return end(status != 200 ? "status " + status : done.seen() ? null : "no [DONE]");
          }
          long now = System.nanoTime();
          buffer.flip();
          if (status < 0 && !readHead()) {
            continue;
          }
          if (buffer.hasRemaining() && firstAt == 0) {
            firstAt = now;
          }
          while (buffer.hasRemaining()) {
            done.feed(buffer.get());
          }
        }
        if (firstAt != 0 && parked.add(this)) {
          key.interestOps(0);
        }
        return 0;
      }

      /** Takes header bytes from the buffer; true once the head is complete (the rest is body). */
      private boolean readHead() throws IOException {
        while (buffer.hasRemaining()) {
          if (headLength == head.length) {
            throw new IOException("response head over " + head.length + " bytes");
          }
          head[headLength++] = buffer.get();
          if (headLength >= 4 && head[headLength - 1] == '\n' && head[headLength - 2] == '\r'
              && head[headLength - 3] == '\n' && head[headLength - 4] == '\r') {
            status = Integer.parseInt(new String(head, 9, 3, java.nio.charset.StandardCharsets.US_ASCII));
            return true;
          }
        }
        return false;
      }

      /** Closes the stream and counts it: ok when {@code failure} is null. Returns 1 (one stream ended). */
      int end(String failure) {
        if (!open.remove(this)) {
          return 0;
        }
        parked.remove(this);
        if (failure == null) {
          ok++;
          ttft.recordValue(Math.max(1, firstAt - started));
          waits.add(new Wait(startedMs, firstAt - started));
        } else {
          kinds.merge(failure, 1L, Long::sum);
        }
        if (channel != null) {
          try {
            channel.close();
          } catch (IOException closing) {
            // counted already; the socket is gone either way
          }
        }
        return 1;
      }
    }
  }
}
