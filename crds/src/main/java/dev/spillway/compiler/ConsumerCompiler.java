package dev.spillway.compiler;

import dev.spillway.api.v1alpha1.ConsumerBudget;
import dev.spillway.api.v1alpha1.ConsumerKey;
import dev.spillway.api.v1alpha1.ConsumerSpec;
import dev.spillway.config.BudgetConfig;
import dev.spillway.config.ClientKeyDigest;
import dev.spillway.config.ConsumerConfig;
import dev.spillway.config.ConsumerKeyConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.SecretRef;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Consumer → {@link ConsumerConfig}: each key read from its Secret and digested at once, so only
 * digests leave this class. No message ever quotes a key. One instance per compilation: it
 * remembers every digest so that a key shared by two consumers (or listed twice) is reported.
 */
final class ConsumerCompiler {
  /** Shorter keys could be guessed from their published digests. */
  static final int MIN_KEY_LENGTH = 24;
  private static final List<String> ON_EXHAUSTED = List.of("alert", "block");
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("^[a-z0-9]([a-z0-9_.-]{0,61}[a-z0-9])?$");

  private final SecretCatalog secrets;
  private final byte[] salt;
  private final Set<String> models;
  private final Set<String> policies;
  /** digest → "Consumer/name spec.keys[i]" of its first holder. */
  private final Map<String, String> holders = new HashMap<>();

  /**
   * @param models the name of every LogicalModel, valid or not
   * @param policies the name of every RoutingPolicy, valid or not
   */
  ConsumerCompiler(SecretCatalog secrets, String saltHex, Set<String> models, Set<String> policies) {
    this.secrets = secrets;
    this.salt = HexFormat.of().parseHex(saltHex);
    this.models = models;
    this.policies = policies;
  }

  ConsumerConfig compile(String name, ConsumerSpec spec, FieldChecker check) {
    if (!check.require("spec", spec, "a Consumer needs a spec with at least one key")) {
      return null;
    }
    return new ConsumerConfig(
        name,
        keys(name, spec.keys, check),
        known("spec.allowedModels", spec.allowedModels, models, "LogicalModel", check),
        known("spec.allowedPolicies", spec.allowedPolicies, policies, "RoutingPolicy", check),
        Quotas.limits("spec.limits", spec.limits, check),
        budgets(spec.budgets, check),
        attributes(spec.attributes, check));
  }

  private List<ConsumerKeyConfig> keys(String consumer, List<ConsumerKey> keys, FieldChecker check) {
    List<ConsumerKeyConfig> compiled = new ArrayList<>();
    if (keys == null || keys.isEmpty()) {
      check.report("spec.keys", "is required: at least one key, e.g. {secretRef: {name: team-keys, key: api-key}}");
      return compiled;
    }
    for (int i = 0; i < keys.size(); i++) {
      String field = "spec.keys[" + i + "]";
      ConsumerKey key = keys.get(i);
      if (!check.require(field + ".secretRef", key == null ? null : key.secretRef, "the Secret key holding the API key")) {
        continue;
      }
      SecretRef ref = SecretRefs.resolve(field + ".secretRef", key.secretRef, "the API key", secrets, check);
      Optional<String> value = ref == null ? Optional.empty() : secrets.clientKey(ref.name(), ref.key());
      Long expiresAt = expiry(field + ".expiresAt", key.expiresAt, check);
      if (value.isEmpty()) {
        continue; // a missing Secret or key is reported above
      }
      String digest = digest(field, value.get(), check);
      if (digest == null) {
        continue;
      }
      String here = "Consumer/" + consumer + " " + field;
      String first = holders.putIfAbsent(digest, here);
      if (first != null) {
        check.report(field + ".secretRef", "holds the same key as " + first + ": every key must identify one consumer");
      }
      compiled.add(new ConsumerKeyConfig(ref.toString(), digest, expiresAt));
    }
    return compiled;
  }

  private String digest(String field, String key, FieldChecker check) {
    if (key.length() < MIN_KEY_LENGTH) {
      check.report(field + ".secretRef", "the key is " + key.length() + " characters long; use at least "
          + MIN_KEY_LENGTH + " random characters, e.g. from `openssl rand -hex 24`");
      return null;
    }
    if (!key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      check.report(field + ".secretRef", "the key must be printable ASCII without spaces or line breaks"
          + " (a trailing newline from `echo` is a common cause: use `echo -n`)");
      return null;
    }
    return ClientKeyDigest.hex(salt, key);
  }

  private static Long expiry(String field, String value, FieldChecker check) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant().toEpochMilli();
    } catch (DateTimeParseException bad) {
      check.report(field, "\"" + value + "\" is not an RFC 3339 time, e.g. " + Instant.EPOCH);
      return null;
    }
  }

  private static List<String> known(String field, List<String> names, Set<String> existing, String kind,
      FieldChecker check) {
    List<String> words = check.words(field, names);
    if (words == null) {
      return List.of();
    }
    for (int i = 0; i < words.size(); i++) {
      String name = words.get(i);
      boolean builtIn = kind.equals("RoutingPolicy") && PolicyConfig.DEFAULT_NAME.equals(name);
      if (!builtIn && !existing.contains(name)) {
        check.report(field + "[" + i + "]", "no " + kind + " named \"" + name + "\"");
      }
    }
    return words;
  }

  private static List<BudgetConfig> budgets(List<ConsumerBudget> budgets, FieldChecker check) {
    List<BudgetConfig> compiled = new ArrayList<>();
    Set<String> periods = new HashSet<>();
    for (int i = 0; budgets != null && i < budgets.size(); i++) {
      String field = "spec.budgets[" + i + "]";
      ConsumerBudget budget = budgets.get(i);
      if (!check.require(field, budget, "a budget with amountUsd")) {
        continue;
      }
      BudgetConfig config = Quotas.budget(field, budget.amountUsd, budget.period, budget.alertAtPercent,
          budget.onExhausted, ON_EXHAUSTED, "block", check);
      if (!periods.add(config.period())) {
        check.report(field + ".period", "a " + config.period() + " budget is already given: one per period");
      } else {
        compiled.add(config);
      }
    }
    return compiled;
  }

  private static Map<String, String> attributes(Map<String, String> attributes, FieldChecker check) {
    Map<String, String> compiled = new TreeMap<>();
    if (attributes == null) {
      return compiled;
    }
    attributes.forEach((name, value) -> {
      String field = "spec.attributes." + name;
      if (!ATTRIBUTE_NAME.matcher(name).matches()) {
        check.report(field, "names are lower case letters, digits, '_', '.' and '-' (at most 63), e.g. cost-center");
      } else if (check.require(field, value, "a value")) {
        compiled.put(name, value);
      }
    });
    return compiled;
  }
}
