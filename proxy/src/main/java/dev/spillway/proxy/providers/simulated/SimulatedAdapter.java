package dev.spillway.proxy.providers.simulated;

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
import java.util.function.Function;

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
  private final String reply;
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
    this.reply = simulation.reply() != null ? simulation.reply() : SimulationConfig.DEFAULT_REPLY;
    this.interChunkDelayMs = simulation.interChunkDelayMs();
    this.idPrefix = "chatcmpl-sim-" + account.name() + "-";
    this.media = new SimulatedMedia(context.mapper());
    this.videos = new SimulatedVideos(simulation, context, planner, account.name());
  }

  @Override
  public CompletableFuture<Completion> complete(ProviderCall call) {
    return answerLater(behaviour -> {
      String text = ChatReplies.text(behaviour, reply, call.request());
      Usage usage = SimulatedBodies.usageOf(call.request(), text);
      return new Completion(bodiesFor(call).completion(text, usage), usage);
    });
  }

  @Override
  public CompletableFuture<Completion> embeddings(ProviderCall call) {
    return answerLater(behaviour -> new Completion(
        media.embeddings(call.request(), call.target().model(), behaviour == Behaviour.ZERO_EMBEDDING,
            behaviour == Behaviour.EMPTY),
        Usage.NONE));
  }

  @Override
  public CompletableFuture<Completion> images(ProviderCall call) {
    return answerLater(behaviour -> new Completion(
        media.images(call.request(), context.clock().instant().getEpochSecond(), behaviour == Behaviour.BLACK_IMAGE,
            behaviour == Behaviour.EMPTY),
        Usage.NONE));
  }

  @Override
  public CompletableFuture<Speech> speech(ProviderCall call) {
    return answerLater(behaviour ->
        media.speech(call.request(), behaviour == Behaviour.SILENT_AUDIO, behaviour == Behaviour.EMPTY));
  }

  @Override
  public VideoProvider videos() {
    return videos;
  }

  /** A plain call's answer (or failure) after the planned delay; never, when it hangs. */
  private <T> CompletableFuture<T> answerLater(Function<Behaviour, T> answer) {
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
              try {
                result.complete(answer.apply(plan.behaviour()));
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
    String text = ChatReplies.text(behaviour, reply, call.request());
    List<String> pieces = SimulatedBodies.pieces(text);
    List<Runnable> steps = new ArrayList<>();
    steps.add(() -> listener.onChunk(bodies.roleChunk()));
    if (behaviour == Behaviour.CUT) {
      // Half the reply, then the connection "drops": what a proxy must never turn into a clean end.
      pieces.subList(0, Math.max(1, pieces.size() / 2))
          .forEach(piece -> steps.add(() -> listener.onChunk(bodies.contentChunk(piece))));
      steps.add(() -> listener.onError(ProviderFailure.protocol("stream cut")));
      return steps;
    }
    pieces.forEach(piece -> steps.add(() -> listener.onChunk(bodies.contentChunk(piece))));
    steps.add(() -> listener.onChunk(bodies.finishChunk()));
    if (call.request().path("stream_options").path("include_usage").asBoolean(false)) {
      Usage usage = SimulatedBodies.usageOf(call.request(), text);
      steps.add(() -> listener.onChunk(bodies.usageChunk(usage)));
    }
    steps.add(listener::onComplete);
    return steps;
  }

  private SimulatedBodies bodiesFor(ProviderCall call) {
    return new SimulatedBodies(
        context.mapper(),
        idPrefix + calls.incrementAndGet(),
        context.clock().instant().getEpochSecond(),
        call.target().model());
  }
}
