package dev.spillway.proxy.telemetry.tracing;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * Span attribute keys: the GenAI and HTTP semantic conventions (spelled out here rather than pulled
 * from the incubating semconv artifact, whose GenAI names still move between releases), and
 * Spillway's own {@code spillway.*}.
 */
public final class SpanKeys {
  private SpanKeys() {}

  public static final AttributeKey<String> GEN_AI_OPERATION = stringKey("gen_ai.operation.name");
  public static final AttributeKey<String> GEN_AI_PROVIDER = stringKey("gen_ai.provider.name");
  public static final AttributeKey<String> GEN_AI_REQUEST_MODEL = stringKey("gen_ai.request.model");
  public static final AttributeKey<String> GEN_AI_RESPONSE_MODEL = stringKey("gen_ai.response.model");
  public static final AttributeKey<String> GEN_AI_RESPONSE_ID = stringKey("gen_ai.response.id");
  public static final AttributeKey<List<String>> GEN_AI_FINISH_REASONS = stringArrayKey("gen_ai.response.finish_reasons");
  public static final AttributeKey<Long> GEN_AI_INPUT_TOKENS = longKey("gen_ai.usage.input_tokens");
  public static final AttributeKey<Long> GEN_AI_OUTPUT_TOKENS = longKey("gen_ai.usage.output_tokens");
  public static final AttributeKey<Double> GEN_AI_TEMPERATURE = doubleKey("gen_ai.request.temperature");
  public static final AttributeKey<Long> GEN_AI_MAX_TOKENS = longKey("gen_ai.request.max_tokens");
  public static final AttributeKey<Double> GEN_AI_TOP_P = doubleKey("gen_ai.request.top_p");
  public static final AttributeKey<String> GEN_AI_INPUT_MESSAGES = stringKey("gen_ai.input.messages");
  public static final AttributeKey<String> GEN_AI_OUTPUT_MESSAGES = stringKey("gen_ai.output.messages");
  public static final AttributeKey<String> SERVER_ADDRESS = stringKey("server.address");
  public static final AttributeKey<Long> SERVER_PORT = longKey("server.port");
  public static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");
  public static final AttributeKey<String> HTTP_METHOD = stringKey("http.request.method");
  public static final AttributeKey<Long> HTTP_STATUS = longKey("http.response.status_code");
  public static final AttributeKey<String> URL_PATH = stringKey("url.path");

  public static final AttributeKey<String> MODEL = stringKey("spillway.model");
  /** The model rollout a call belongs to: canary calls, and eval, judge and shadow calls. */
  public static final AttributeKey<String> ROLLOUT = stringKey("spillway.rollout");
  /** incumbent, candidate or judge. */
  public static final AttributeKey<String> ROLLOUT_ARM = stringKey("spillway.rollout.arm");
  /** How a rollout call came about: eval or shadow (canary calls are ordinary calls, marked). */
  public static final AttributeKey<String> ROLLOUT_KIND = stringKey("spillway.rollout.kind");
  public static final AttributeKey<String> POLICY = stringKey("spillway.policy");
  public static final AttributeKey<String> CONSUMER = stringKey("spillway.consumer");
  public static final AttributeKey<String> CONSUMER_KEY = stringKey("spillway.consumer.key");
  /** Prefix of a consumer's attribution labels: spillway.consumer.attribute.cost-center. */
  public static final String CONSUMER_ATTRIBUTE = "spillway.consumer.attribute.";
  public static final AttributeKey<String> CONFIG_VERSION = stringKey("spillway.config_version");
  public static final AttributeKey<Boolean> STREAM = booleanKey("spillway.stream");
  public static final AttributeKey<List<String>> CANDIDATES = stringArrayKey("spillway.candidates");
  public static final AttributeKey<String> CHOICE = stringKey("spillway.choice");
  public static final AttributeKey<String> REASON = stringKey("spillway.reason");
  public static final AttributeKey<String> CANDIDATE = stringKey("spillway.candidate");
  public static final AttributeKey<Long> RANK = longKey("spillway.rank");
  public static final AttributeKey<Long> MAX_ATTEMPTS = longKey("spillway.max_attempts");
  public static final AttributeKey<String> SKIP_REASON = stringKey("spillway.skip_reason");
  public static final AttributeKey<String> ACCOUNT = stringKey("spillway.account");
  public static final AttributeKey<String> TARGET = stringKey("spillway.target");
  public static final AttributeKey<Long> TIER = longKey("spillway.tier");
  public static final AttributeKey<Long> FALLBACK_DEPTH = longKey("spillway.fallback_depth");
  public static final AttributeKey<String> FAILURE_CLASS = stringKey("spillway.failure_class");
  public static final AttributeKey<String> FAILURE = stringKey("spillway.failure");
  public static final AttributeKey<Double> COST_USD = doubleKey("spillway.cost_usd");
  public static final AttributeKey<Double> TTFT = doubleKey("spillway.time_to_first_token");
  public static final AttributeKey<String> SERVED_BY = stringKey("spillway.served_by");
  /** The region of the account that served, when it has one. */
  public static final AttributeKey<String> SERVED_REGION = stringKey("spillway.served_region");
  public static final AttributeKey<Long> ATTEMPTS = longKey("spillway.attempts");
  public static final AttributeKey<String> FALLBACK_REASON = stringKey("spillway.fallback_reason");
  public static final AttributeKey<List<String>> CALLER_FALLBACKS = stringArrayKey("spillway.caller_fallbacks");
  public static final AttributeKey<String> ROUTING_MODE = stringKey("spillway.routing_mode");
  public static final AttributeKey<Double> SCORE = doubleKey("spillway.score");
  public static final AttributeKey<Double> SCORE_HEALTH = doubleKey("spillway.score.health");
  public static final AttributeKey<Double> SCORE_LATENCY = doubleKey("spillway.score.latency");
  public static final AttributeKey<Double> SCORE_QUALITY = doubleKey("spillway.score.quality");
  public static final AttributeKey<Double> SCORE_COST = doubleKey("spillway.score.cost");
  public static final AttributeKey<Double> SCORE_HEADROOM = doubleKey("spillway.score.headroom");
  public static final AttributeKey<String> STANDING = stringKey("spillway.standing");
  public static final AttributeKey<String> STANDING_REASON = stringKey("spillway.standing_reason");
  public static final AttributeKey<String> CIRCUIT = stringKey("spillway.circuit");
  public static final AttributeKey<String> STICKY = stringKey("spillway.sticky");
  public static final AttributeKey<String> EXPERIMENT_ARM = stringKey("spillway.experiment_arm");
  public static final AttributeKey<Long> HEDGE_AFTER_MS = longKey("spillway.hedge.after_ms");
  public static final AttributeKey<Boolean> HEDGE_LAUNCHED = booleanKey("spillway.hedge.launched");
  /** Set on the root span of a call that failed over: such traces are kept whatever the sampling. */
  public static final AttributeKey<Boolean> FAILOVER = booleanKey("spillway.failover");
}
