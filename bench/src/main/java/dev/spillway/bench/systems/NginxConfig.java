package dev.spillway.bench.systems;

import java.nio.file.Path;

/** nginx as a reverse proxy to the mock: keep-alive upstream pool, no access log, one worker per core. */
final class NginxConfig {
  private NginxConfig() {}

  static String render(int port, int mockPort, Path dir) {
    return """
        daemon off;
        master_process on;
        worker_processes auto;
        worker_rlimit_nofile 65536;
        pid %2$s/nginx.pid;
        error_log %2$s/error.log warn;
        events { worker_connections 16384; }
        http {
          access_log off;
          # The prompt series sends up to 1 MB: accepted, and buffered in memory as Spillway does
          # (it reads a whole body before routing), not spilled to a temporary file.
          client_max_body_size 16m;
          client_body_buffer_size 2m;
          client_body_temp_path %2$s/body;
          proxy_temp_path %2$s/proxy;
          fastcgi_temp_path %2$s/fastcgi;
          uwsgi_temp_path %2$s/uwsgi;
          scgi_temp_path %2$s/scgi;
          upstream mock { server 127.0.0.1:%3$d; keepalive 128; }
          server {
            listen 127.0.0.1:%1$d;
            keepalive_requests 1000000;
            location / {
              proxy_pass http://mock;
              proxy_http_version 1.1;
              proxy_set_header Connection "";
              proxy_buffering off;
            }
          }
        }
        """.formatted(port, dir, mockPort);
  }
}
