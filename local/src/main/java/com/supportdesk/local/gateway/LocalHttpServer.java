package com.supportdesk.local.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's HTTP server on the loopback interface, handing every request to the {@link LocalGateway}.
 * A few worker threads; bodies over {@link LocalGateway#MAX_BODY_BYTES} are refused unread.
 */
public final class LocalHttpServer implements AutoCloseable {
    private static final int WORKERS = 8;

    private final HttpServer server;
    private final ExecutorService workers;

    private LocalHttpServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /**
     * Binds 127.0.0.1:{@code port} (0 picks a free port) without serving yet, so that a taken port is
     * reported before anything slow starts.
     */
    public static LocalHttpServer bind(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        AtomicInteger ids = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS, r -> {
            Thread t = new Thread(r, "local-http-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        return new LocalHttpServer(server, workers);
    }

    /** Starts answering every request with {@code gateway}. */
    public LocalHttpServer serve(LocalGateway gateway, boolean accessLog) {
        server.createContext("/", exchange -> serve(exchange, gateway, accessLog));
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void serve(HttpExchange exchange, LocalGateway gateway, boolean accessLog) throws IOException {
        long started = System.nanoTime();
        try (exchange) {
            GatewayResponse response;
            byte[] body = readBody(exchange);
            if (body == null) {
                response = GatewayResponse.message(413, "Request Entity Too Large");
            } else {
                List<Map.Entry<String, String>> headers = new ArrayList<>();
                exchange.getRequestHeaders()
                        .forEach((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
                GatewayRequest request = new GatewayRequest(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(),
                        headers,
                        body,
                        exchange.getRemoteAddress().getAddress().getHostAddress());
                try {
                    response = gateway.handle(request);
                } catch (RuntimeException e) {
                    e.printStackTrace(System.err);
                    response = GatewayResponse.message(500, "Internal Server Error");
                }
            }
            response.headers().forEach(h -> exchange.getResponseHeaders().add(h.getKey(), h.getValue()));
            boolean noBody = response.status() == 204
                    || response.status() == 304
                    || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
            exchange.sendResponseHeaders(
                    response.status(), noBody ? -1 : response.body().length == 0 ? -1 : response.body().length);
            if (!noBody && response.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
            if (accessLog) {
                System.out.printf(
                        "[local] %s %s -> %d (%d ms)%n",
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(),
                        response.status(),
                        (System.nanoTime() - started) / 1_000_000);
            }
        }
    }

    /** The body, or null when it is larger than the limit. */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > LocalGateway.MAX_BODY_BYTES) {
                    return null;
                }
            } catch (NumberFormatException ignored) {
                // let the read below decide
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > LocalGateway.MAX_BODY_BYTES) {
                    return null;
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
