package dev.spillway.proxy.providers.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.SimulationConfig;
import dev.spillway.proxy.providers.Cancellable;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.providers.ProviderAdapter;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.providers.ProviderContext;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.Speech;
import dev.spillway.proxy.providers.StreamListener;
import dev.spillway.proxy.providers.Usage;
import dev.spillway.proxy.providers.VideoProvider;
import dev.spillway.proxy.providers.simulated.CallPlan.Behaviour;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * An in-process provider with configurable latency, errors and a fault schedule: demos and tests
 * exercise routing and failover without network or keys. Waiting is done with the context's
 * scheduler, never by sleeping a thread, so a hanging simulated call costs nothing.
 */
public final class SimulatedAdapter implements ProviderAdapter {
  private static final SimulationConfig DEFAULTS =
      new SimulationConfig(0, 0, 10, 0, 503, SimulationConfig.DEFAULT_REPLY, List.of());

  private final ProviderContext context;
  private final CallPlanner planner;
  private final SimulationConfig simulation;
  private final long interChunkDelayMs;
  private final String idPrefix;
  private final AtomicLong calls = new AtomicLong();
  private final SimulatedMedia media;
  private final SimulatedVideos videos;

  public SimulatedAdapter(AccountConfig account, ProviderContext context) {
    this(account, context, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** @param random uniform in [0, 1): drives jitter and random failures (fixed in tests) */
  public SimulatedAdapter(AccountConfig account, ProviderContext context, DoubleSupplier random) {
    SimulationConfig simulation = account.simulation() != null ? account.simulation() : DEFAULTS;
    this.context = context;
    this.planner = new CallPlanner(simulation, context.mapper(), context.clock(), random);
    this.simulation = simulation.reply() != null ? simulation
        : new SimulationConfig(simulation.latencyMs(), simulation.jitterMs(), simulation.interChunkDelayMs(),
            simulation.errorRate(), simulation.errorStatus(), SimulationConfig.DEFAULT_REPLY,
            simulation.faults(), simulation.answers());
    this.interChunkDelayMs = simulation.interChunkDelayMs();
    this.idPrefix = "chatcmpl-sim-" + account.name() + "-";
    this.media = new SimulatedMedia(context.mapper());
    this.videos = new SimulatedVideos(simulation, context, planner, account.name());
  }

  @Override
  public CompletableFuture<Completion> complete(ProviderCall call) {
    return answerLater(call, ChatParameters::validate, (behaviour, cancelled) -> {
      SimulatedBodies bodies = bodiesFor(call);
      List<SimulatedChat.Choice> choices = SimulatedChat.answer(behaviour, simulation, call.request(), bodies.callId());
      Usage usage = SimulatedBodies.usageOf(call.request(), choices);
      return new Completion(bodies.completion(choices, usage), usage);
    });
  }

  @Override
  public CompletableFuture<Completion> embeddings(ProviderCall call) {
    return answerLater(call, SimulatedMedia::validateEmbeddings, (behaviour, cancelled) -> new Completion(
        media.embeddings(call.request(), call.target().model(), behaviour == Behaviour.ZERO_EMBEDDING,
            behaviour == Behaviour.EMPTY, cancelled),
        Usage.NONE));
  }

  @Override
  public CompletableFuture<Completion> images(ProviderCall call) {
    return answerLater(call, SimulatedMedia::validateImages, (behaviour, cancelled) -> new Completion(
        media.images(call.request(), context.clock().instant().getEpochSecond(), behaviour == Behaviour.BLACK_IMAGE,
            behaviour == Behaviour.EMPTY, cancelled),
        Usage.NONE));
  }

  @Override
  public CompletableFuture<Speech> speech(ProviderCall call) {
    return answerLater(call, SimulatedMedia::validateSpeech, (behaviour, cancelled) ->
        media.speech(call.request(), behaviour == Behaviour.SILENT_AUDIO, behaviour == Behaviour.EMPTY));
  }

  /** The configured reply as the transcript (the simulator does not listen to the audio). */
  @Override
  public CompletableFuture<Completion> transcriptions(ProviderCall call) {
    return answerLater(call, SimulatedMedia::validateTranscription, (behaviour, cancelled) -> new Completion(
        context.mapper().createObjectNode().put("text", behaviour == Behaviour.EMPTY ? "" : simulation.reply()), Usage.NONE));
  }

  @Override
  public VideoProvider videos() {
    return videos;
  }

  /**
   * A plain call's answer (or failure) after the planned delay; never, when it hangs. A request
   * {@code validate} refuses fails at once, as the real API answers a 400 before any work. The
   * answer is told whether the call ended meanwhile (cancelled: the client left, a deadline
   * passed), so long work stops instead of burning the callback threads.
   */
  private <T> CompletableFuture<T> answerLater(
      ProviderCall call, Consumer<JsonNode> validate, BiFunction<Behaviour, BooleanSupplier, T> answer) {
    try {
      validate.accept(call.request());
    } catch (ProviderFailure invalid) {
      return CompletableFuture.failedFuture(invalid);
    }
    CallPlan plan = planner.next();
    CompletableFuture<T> result = new CompletableFuture<>();
    if (plan.behaviour() == Behaviour.HANG) {
      return result;
    }
    Runnable step =
        plan.failure() != null
            ? () -> result.completeExceptionally(plan.failure())
            // Answers are built on the callback executor: encoding an image or a WAV file must not
            // hold up the one timer thread every deadline shares.
            : () -> context.executor().execute(() -> {
              if (result.isDone()) {
                return; // cancelled while queued
              }
              try {
                result.complete(answer.apply(plan.behaviour(), result::isDone));
              } catch (RuntimeException e) {
                result.completeExceptionally(e);
              }
            });
    Cancellable timer = TimedSteps.start(context.scheduler(), plan.delayMs(), 0, List.of(step));
    result.whenComplete((completion, failure) -> timer.cancel());
    return result;
  }

  @Override
  public Cancellable stream(ProviderCall call, StreamListener listener) {
    try {
      ChatParameters.validate(call.request());
    } catch (ProviderFailure invalid) {
      listener.onError(invalid);
      return () -> {};
    }
    CallPlan plan = planner.next();
    if (plan.behaviour() == Behaviour.HANG) {
      return () -> {};
    }
    List<Runnable> steps =
        plan.failure() != null
            ? List.of(() -> listener.onError(plan.failure()))
            : streamSteps(call, listener, plan.behaviour());
    return TimedSteps.start(context.scheduler(), plan.delayMs(), interChunkDelayMs, steps);
  }

  private List<Runnable> streamSteps(ProviderCall call, StreamListener listener, Behaviour behaviour) {
    SimulatedBodies bodies = bodiesFor(call);
    List<SimulatedChat.Choice> choices = SimulatedChat.answer(behaviour, simulation, call.request(), bodies.callId());
    Usage usage = call.request().path("stream_options").path("include_usage").asBoolean(false)
        ? SimulatedBodies.usageOf(call.request(), choices)
        : null;
    return ChatStreamSteps.of(choices, bodies, listener, behaviour == Behaviour.CUT, usage);
  }

  private SimulatedBodies bodiesFor(ProviderCall call) {
    return new SimulatedBodies(
        context.mapper(),
        idPrefix + calls.incrementAndGet(),
        context.clock().instant().getEpochSecond(),
        call.target().model());
  }
}
