package dev.spillway.proxy.admin;

import io.undertow.security.api.AuthenticationMode;
import io.undertow.security.handlers.AuthenticationCallHandler;
import io.undertow.security.handlers.AuthenticationConstraintHandler;
import io.undertow.security.handlers.AuthenticationMechanismsHandler;
import io.undertow.security.handlers.SecurityInitialHandler;
import io.undertow.security.idm.Account;
import io.undertow.security.idm.Credential;
import io.undertow.security.idm.IdentityManager;
import io.undertow.security.idm.PasswordCredential;
import io.undertow.security.impl.BasicAuthenticationMechanism;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HTTP Basic on the admin port, with Undertow's own security handlers (the challenge, the header's
 * parsing, the 401). Basic with a realm because browsers handle it for everything a page does: after
 * one prompt, the page's fetches and its EventSource (which cannot set headers) carry the
 * credentials of the same origin and realm. The probes stay open: they say only up or ready, and
 * whatever probes them should not need the password.
 */
public final class AdminGuard implements HttpHandler {
  /** What the browser's prompt names. */
  public static final String REALM = "spillway-admin";

  private final HttpHandler open;
  private final HttpHandler secured;

  private AdminGuard(AdminCredentials credentials, HttpHandler next) {
    this.open = next;
    HttpHandler checked = new AuthenticationMechanismsHandler(
        new AuthenticationConstraintHandler(new AuthenticationCallHandler(next)),
        List.of(new BasicAuthenticationMechanism(REALM, "BASIC", false, null, StandardCharsets.UTF_8, Map.of())));
    this.secured = new SecurityInitialHandler(AuthenticationMode.PRO_ACTIVE, new Identities(credentials), checked);
  }

  /** The admin routes as they are when no credentials are set, else behind Basic. */
  public static HttpHandler wrap(AdminCredentials credentials, HttpHandler next) {
    return credentials.required() ? new AdminGuard(credentials, next) : next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String path = exchange.getRelativePath();
    if ("/healthz".equals(path) || "/readyz".equals(path)) {
      open.handleRequest(exchange);
    } else {
      secured.handleRequest(exchange);
    }
  }

  /** The one admin identity. */
  private record Identities(AdminCredentials credentials) implements IdentityManager {
    @Override
    public Account verify(Account account) {
      return account;
    }

    @Override
    public Account verify(String id, Credential credential) {
      if (credential instanceof PasswordCredential password && credentials.accepts(id, password.getPassword())) {
        return new Admin(id);
      }
      return null;
    }

    @Override
    public Account verify(Credential credential) {
      return null; // only a username and password are ever accepted
    }
  }

  private record Admin(String name) implements Account, Principal {
    @Override
    public Principal getPrincipal() {
      return this;
    }

    @Override
    public Set<String> getRoles() {
      return Set.of();
    }

    @Override
    public String getName() {
      return name;
    }
  }
}
