package dev.spillway.proxy.providers.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.secrets.Scrubber;
import java.net.http.HttpHeaders;

/** A stream's handler that sees every event and error body with the known secrets masked. */
final class ScrubbedEvents implements SseHandler {
  private final SseHandler handler;
  private final Scrubber scrubber;
  private final ObjectMapper mapper;

  ScrubbedEvents(SseHandler handler, Scrubber scrubber, ObjectMapper mapper) {
    this.handler = handler;
    this.scrubber = scrubber;
    this.mapper = mapper;
  }

  @Override
  public void onOpen(HttpHeaders headers) {
    handler.onOpen(headers);
  }

  @Override
  public void onEvent(String event, byte[] data) {
    handler.onEvent(scrubber.scrub(event), scrubber.scrubBody(data, mapper));
  }

  @Override
  public void onEnd() {
    handler.onEnd();
  }

  @Override
  public void onHttpError(int status, HttpHeaders headers, byte[] body) {
    handler.onHttpError(status, headers, scrubber.scrubBody(body, mapper));
  }

  @Override
  public void onFailure(ProviderFailure failure) {
    handler.onFailure(failure);
  }
}
