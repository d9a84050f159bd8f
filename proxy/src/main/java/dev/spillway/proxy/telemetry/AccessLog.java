package dev.spillway.proxy.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.http.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per call on the {@code spillway.access} logger (its own appender in logback.xml,
 * message only). What the line holds is chosen here, field by field: routing facts, never a
 * credential, and message content only when capture is on.
 */
final class AccessLog {
  static final String LOGGER = "spillway.access";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
  private final boolean enabled;

  AccessLog(boolean enabled) {
    this.enabled = enabled;
  }

  void write(CallSummary call) {
    if (!enabled || !LOG.isInfoEnabled()) {
      return;
    }
    try {
      LOG.info(Json.MAPPER.writeValueAsString(line(call)));
    } catch (JsonProcessingException e) {
      LOG.warn("access log line not written: {}", e.getOriginalMessage());
    }
  }

  static ObjectNode line(CallSummary call) {
    ObjectNode line = Json.MAPPER.createObjectNode();
    line.put("time", call.start().toString());
    line.put("trace_id", call.traceId());
    line.put("consumer", call.consumer());
    if (call.consumerKey() != null) {
      line.put("consumer_key", call.consumerKey());
    }
    if (!call.consumerAttributes().isEmpty()) {
      ObjectNode attributes = line.putObject("consumer_attributes");
      call.consumerAttributes().forEach(attributes::put);
    }
    line.put("model", call.model());
    line.put("policy", call.policy());
    line.put("config_version", call.configVersion());
    line.put("stream", call.stream());
    line.put("status", call.status());
    line.put("latency_ms", Math.round(call.latencyNanos() / 1e6 * 1000) / 1000d);
    AttemptRecord served = call.servedBy();
    line.put("served_by", served == null ? null : served.target().id());
    if (served != null && served.account() != null && served.account().region() != null) {
      line.put("served_region", served.account().region());
    }
    line.put("attempts", call.attempts().size());
    line.put("tokens_in", served == null ? 0 : served.usage().promptTokens());
    line.put("tokens_out", served == null ? 0 : served.usage().completionTokens());
    // Rounded to a billionth of a dollar: the sum of per-token prices is binary-float noise below that.
    line.put("cost_usd", served == null ? 0 : Math.round(served.costUsd() * 1e9) / 1e9);
    line.put("fallback_reason", call.fallbackReason());
    if (call.requestContent() != null) {
      line.put("request_messages", call.requestContent());
    }
    if (served != null && served.content() != null) {
      line.put("response_content", served.content());
    }
    return line;
  }
}
