package dev.spillway.compiler;

import dev.spillway.api.v1alpha1.JobsSpec;
import dev.spillway.config.JobsConfig;

/** The {@code jobs} block of a RoutingPolicy: deadlines of long-running jobs at one target. */
final class JobsCompiler {
  private static final String FIELD = "spec.jobs.";

  private JobsCompiler() {}

  /** Null when the policy sets nothing, so the defaults stay the proxy's to choose. */
  static JobsConfig compile(JobsSpec given, FieldChecker check) {
    if (given == null) {
      return null;
    }
    JobsConfig defaults = JobsConfig.DEFAULTS;
    long firstProgress = check.duration(FIELD + "firstProgress", given.firstProgress, defaults.firstProgressMs());
    long total = check.duration(FIELD + "total", given.total, defaults.totalMs());
    long poll = check.duration(FIELD + "pollInterval", given.pollInterval, defaults.pollIntervalMs());
    if (firstProgress > total) {
      check.report(FIELD + "firstProgress", "must not be longer than spec.jobs.total (" + firstProgress
          + " ms > " + total + " ms): a job could never be resubmitted for lack of progress");
    }
    if (poll >= firstProgress) {
      check.report(FIELD + "pollInterval", "must be shorter than spec.jobs.firstProgress (" + poll + " ms >= "
          + firstProgress + " ms): the proxy would not see progress before the deadline");
    }
    return new JobsConfig(firstProgress, total, poll);
  }
}
