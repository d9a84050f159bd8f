package dev.spillway.proxy.telemetry;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The lines written to the {@code spillway.access} logger while open. */
final class AccessLogCapture implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Logger logger = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  AccessLogCapture() {
    appender.start();
    logger.addAppender(appender);
  }

  List<String> lines() {
    synchronized (appender.list) {
      return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  List<JsonNode> json() {
    return lines().stream().map(line -> {
      try {
        return MAPPER.readTree(line);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + line, e);
      }
    }).toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
  }
}
