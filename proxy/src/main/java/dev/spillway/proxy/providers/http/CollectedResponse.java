package dev.spillway.proxy.providers.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** A whole response, assembled where its body completes (see {@link UpstreamHttp#send}). */
record CollectedResponse(HttpRequest request, HttpResponse.ResponseInfo info, byte[] body)
    implements HttpResponse<byte[]> {

  @Override
  public int statusCode() {
    return info.statusCode();
  }

  @Override
  public Optional<HttpResponse<byte[]>> previousResponse() {
    return Optional.empty();
  }

  @Override
  public HttpHeaders headers() {
    return info.headers();
  }

  @Override
  public Optional<SSLSession> sslSession() {
    return Optional.empty();
  }

  @Override
  public URI uri() {
    return request.uri();
  }

  @Override
  public HttpClient.Version version() {
    return info.version();
  }
}
