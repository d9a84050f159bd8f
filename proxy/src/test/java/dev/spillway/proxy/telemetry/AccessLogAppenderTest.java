package dev.spillway.proxy.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The access log as the proxy ships it (its logback.xml, not the tests'): a line per call must
 * never hold the thread that served the call, even when the output does not drain.
 */
class AccessLogAppenderTest {
  private final LoggerContext context = new LoggerContext();

  @AfterEach
  void stop() {
    context.stop();
  }

  @Test
  @SuppressWarnings("unchecked")
  void callsAreNotHeldWhenTheOutputDoesNotDrain() throws Exception {
    context.setMDCAdapter(new LogbackMDCAdapter()); // what the SLF4J provider gives the real context
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(AccessLog.class.getClassLoader().getResource("logback.xml"));
    Logger access = context.getLogger(AccessLog.LOGGER);
    AsyncAppender async = (AsyncAppender) access.getAppender("ACCESS_ASYNC");
    assertThat(async).as("the shipped config writes access lines through an async appender").isNotNull();
    Stuck output = new Stuck();
    ((OutputStreamAppender<ILoggingEvent>) async.getAppender("ACCESS")).setOutputStream(output);

    // Far more lines than the queue holds, while the output is stuck on the first one.
    Thread writer = new Thread(() -> {
      for (int i = 0; i < 20_000; i++) {
        access.info("{\"line\":" + i + "}");
      }
    });
    writer.start();
    writer.join(Duration.ofSeconds(30).toMillis());

    assertThat(writer.isAlive()).as("the logging thread finished while the output was stuck").isFalse();
    assertThat(output.written.get()).isZero();
    // Lines up to the queue's bound were kept, not discarded early, and are written once it drains.
    output.release.countDown();
    await().atMost(Duration.ofSeconds(30)).until(() -> output.written.get() >= 8_192);
  }

  /** Standard output that takes nothing until released (a full pipe), then counts the lines. */
  private static final class Stuck extends OutputStream {
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger written = new AtomicInteger();

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      try {
        if (!release.await(60, TimeUnit.SECONDS)) {
          throw new IOException("never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      for (int i = offset; i < offset + length; i++) {
        if (bytes[i] == '\n') {
          written.incrementAndGet();
        }
      }
    }
  }
}

