package dev.spillway.proxy.server;

import io.undertow.Undertow;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/**
 * The XNIO worker the server and the upstream client share, with the options Undertow gives the
 * worker it would otherwise create for itself (Undertow#start), so serving behaves as before.
 */
final class ServerWorker {
  private static final int IO_THREADS = Math.max(Runtime.getRuntime().availableProcessors(), 2);
  private static final int TASK_THREADS = IO_THREADS * 8;

  private ServerWorker() {}

  static XnioWorker create() {
    try {
      return Xnio.getInstance(Undertow.class.getClassLoader())
          .createWorker(
              OptionMap.builder()
                  .set(Options.WORKER_IO_THREADS, IO_THREADS)
                  .set(Options.CONNECTION_HIGH_WATER, 1_000_000)
                  .set(Options.CONNECTION_LOW_WATER, 1_000_000)
                  .set(Options.WORKER_TASK_CORE_THREADS, TASK_THREADS)
                  .set(Options.WORKER_TASK_MAX_THREADS, TASK_THREADS)
                  .set(Options.TCP_NODELAY, true)
                  .set(Options.CORK, true)
                  .getMap());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the IO threads", e);
    }
  }
}
