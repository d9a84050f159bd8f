package dev.spillway.proxy.secrets;

import dev.spillway.config.AccountConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.credentials.CredentialSource;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every credential this process has held: all accounts' keys, learned when a config arrives and
 * whenever a lookup returns one (a rotated key is learned on its first use, and the old one stays
 * known). Upstream bytes are scrubbed of all of them, not only of the attempt's own key: one
 * upstream may echo another account's key (a shared gateway, a misrouted request). Thread-safe.
 */
public final class KnownSecrets {
  private final Set<String> secrets = ConcurrentHashMap.newKeySet();
  private volatile Scrubber scrubber = Scrubber.NONE;

  /** Remembers a secret; returns it, for use inside lookups. */
  public String learn(String secret) {
    if (secret != null && secret.length() >= Scrubber.MIN_SECRET && !secrets.contains(secret)) {
      synchronized (this) {
        if (secrets.add(secret)) {
          scrubber = Scrubber.of(secrets); // rare: once per new key
        }
      }
    }
    return secret;
  }

  /** Learns the keys of every account of a config that has one. */
  public void learnAccounts(RouterConfig config, CredentialSource credentials) {
    for (AccountConfig account : config.accounts().values()) {
      if (account.credentials() != null) {
        credentials.lookup(account.credentials()).ifPresent(this::learn);
      }
    }
  }

  /** The source, learning every credential it hands out. */
  public CredentialSource remembering(CredentialSource source) {
    return ref -> source.lookup(ref).map(this::learn);
  }

  /** Masks every secret known now. */
  public Scrubber scrubber() {
    return scrubber;
  }
}
