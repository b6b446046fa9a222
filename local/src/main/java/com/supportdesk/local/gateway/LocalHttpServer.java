package com.supportdesk.local.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An HTTP server (Jetty) on the loopback interface, handing every request to the {@link LocalGateway}.
 *
 * <p>Enough threads that concurrent requests reach the functions at once (each function then bounds
 * itself by its instances, see {@code LocalFunction}). Bodies over {@link LocalGateway#MAX_BODY_BYTES} are
 * refused unread. What the server refuses before the gateway sees it (a request line or header it cannot
 * parse) is answered in API Gateway's shape too, {@code {"message": "Bad Request"}}, never an HTML page.
 */
public final class LocalHttpServer implements AutoCloseable {
    /** Threads answering requests; more than the requests a test or benchmark sends at once. */
    private static final int MAX_THREADS = 200;

    private final Server server;
    private final ServerConnector connector;

    private LocalHttpServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Binds 127.0.0.1:{@code port} (0 picks a free port) without serving yet, so that a taken port is
     * reported before anything slow starts.
     */
    public static LocalHttpServer bind(int port) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 8);
        threads.setName("local-http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(port);
        connector.setAcceptQueueSize(128);
        server.addConnector(connector);
        server.setErrorHandler(LocalHttpServer::answerError);
        try {
            connector.open();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Cannot bind port " + port, e);
        }
        return new LocalHttpServer(server, connector);
    }

    /** Starts answering every request with {@code gateway}. */
    public LocalHttpServer serve(LocalGateway gateway, boolean accessLog) {
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback, gateway, accessLog);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("The local HTTP server did not start", e);
        }
        return this;
    }

    public int port() {
        return connector.getLocalPort();
    }

    private static void serve(
            Request request, Response response, Callback callback, LocalGateway gateway, boolean accessLog) {
        long started = System.nanoTime();
        GatewayResponse answer;
        try {
            byte[] body = readBody(request);
            if (body == null) {
                answer = GatewayResponse.message(413, "Request Entity Too Large");
            } else {
                List<Map.Entry<String, String>> headers = new ArrayList<>();
                for (HttpField field : request.getHeaders()) {
                    headers.add(Map.entry(field.getName(), field.getValue()));
                }
                String path = request.getHttpURI().getPath();
                GatewayRequest gatewayRequest = new GatewayRequest(
                        request.getMethod(),
                        path == null || path.isEmpty() ? "/" : path,
                        request.getHttpURI().getQuery(),
                        headers,
                        body,
                        Request.getRemoteAddr(request));
                answer = gateway.handle(gatewayRequest);
            }
        } catch (IOException | RuntimeException e) {
            // reading the body failed, or the runner itself did (a function's failure is handled, with its
            // stack trace, by the gateway): the developer sees what, the client API Gateway's plain 500
            System.err.println("[local] " + request.getMethod() + " "
                    + request.getHttpURI().getPath() + " failed: " + e);
            answer = GatewayResponse.message(500, "Internal Server Error");
        }
        write(request, response, callback, answer);
        if (accessLog) {
            System.out.printf(
                    "[local] %s %s -> %d (%d ms)%n",
                    request.getMethod(),
                    request.getHttpURI().getPath(),
                    answer.status(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static void write(Request request, Response response, Callback callback, GatewayResponse answer) {
        response.setStatus(answer.status());
        answer.headers().forEach(h -> response.getHeaders().add(h.getKey(), h.getValue()));
        boolean noBody = answer.status() == 204
                || answer.status() == 304
                || request.getMethod().equalsIgnoreCase("HEAD")
                || answer.body().length == 0;
        if (noBody) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
            response.write(true, null, callback);
        } else {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
            response.write(true, ByteBuffer.wrap(answer.body()), callback);
        }
    }

    /**
     * What Jetty itself refuses (a request line or header it cannot parse, a bad percent escape in the
     * path): the status it chose, with API Gateway's error body instead of Jetty's HTML page.
     */
    private static boolean answerError(Request request, Response response, Callback callback) {
        int status = response.getStatus() >= 400 ? response.getStatus() : 400;
        String reason =
                switch (status) {
                    case 400 -> "Bad Request";
                    case 404 -> "Not Found";
                    case 405 -> "Method Not Allowed";
                    case 413 -> "Request Entity Too Large";
                    case 414 -> "Request-URI Too Long";
                    case 431 -> "Request Header Fields Too Large";
                    default -> status >= 500 ? "Internal Server Error" : "Bad Request";
                };
        GatewayResponse answer = GatewayResponse.message(status, reason);
        response.getHeaders().clear();
        write(request, response, callback, answer);
        return true;
    }

    /** The body, or null when it is larger than the limit. */
    private static byte[] readBody(Request request) throws IOException {
        long declared = request.getLength();
        if (declared > LocalGateway.MAX_BODY_BYTES) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = Request.asInputStream(request)) {
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
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("[local] the HTTP server did not stop cleanly: " + e);
        }
    }
}
