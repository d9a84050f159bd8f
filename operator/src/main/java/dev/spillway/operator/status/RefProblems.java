package dev.spillway.operator.status;

import dev.spillway.compiler.Problem;
import java.util.List;

/**
 * Which compile problems are dangling references rather than invalid values. The compiler reports
 * both as {@link Problem}s; status splits them into ResolvedRefs and Accepted, because "the Secret
 * is not there yet" is fixed somewhere else than "this field is wrong". Tied to the compiler's
 * wording for references (Names and AccountCompiler); RefProblemsTest compiles real resources to
 * catch a change in it.
 */
final class RefProblems {
  private RefProblems() {}

  static boolean isUnresolvedRef(Problem problem) {
    return isMissingSecret(problem)
        || problem.message().startsWith("unknown ProviderAccount")
        || problem.message().startsWith("unknown LogicalModel")
        || problem.message().startsWith("no LogicalModel named")
        || problem.message().startsWith("no RoutingPolicy named")
        || problem.message().startsWith("no Consumer named");
  }

  static String reason(List<Problem> refs) {
    return refs.stream().anyMatch(RefProblems::isMissingSecret)
        ? Conditions.Reason.SECRET_NOT_FOUND
        : Conditions.Reason.REF_NOT_FOUND;
  }

  private static boolean isMissingSecret(Problem problem) {
    return (problem.field().startsWith("spec.credentialsSecretRef") || problem.field().matches("spec\\.keys\\[\\d+]\\.secretRef.*"))
        && (problem.message().contains("\" does not exist") || problem.message().contains("has no key"));
  }
}
