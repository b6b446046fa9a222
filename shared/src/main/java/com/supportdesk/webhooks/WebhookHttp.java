package com.supportdesk.webhooks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST to a webhook, to the address {@link WebhookAddresses#check} has just resolved and
 * approved: the socket connects to that address, never to a name, so the name cannot resolve differently
 * between the check and the connection (DNS rebinding). TLS verifies the certificate against the URL's
 * host name (SNI and endpoint identification as a browser does). Redirects are not followed (a 3xx is a
 * failed delivery); a connection gets {@link #CONNECT_TIMEOUT}, the whole exchange {@link #TOTAL_TIMEOUT},
 * and at most {@link #MAX_RESPONSE_BYTES} of the answer are read.
 */
public final class WebhookHttp {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration TOTAL_TIMEOUT = Duration.ofSeconds(4);
    static final int MAX_RESPONSE_BYTES = 16 * 1024;

    /** The receiver's answer: its status and the start of its body. */
    public record Response(int status, String body) {}

    /**
     * Why a delivery did not go through. {@code code} names the kind of failure and never quotes the URL;
     * {@code permanent} when a retry cannot help (an address that is not allowed).
     */
    public static final class Failure extends RuntimeException {
        private final String code;
        private final boolean permanent;
        private final boolean nothingSent;

        public Failure(String code, boolean permanent) {
            this(code, permanent, false);
        }

        /** @param nothingSent the request never left (no connection, no TLS session): retrying cannot double it */
        public Failure(String code, boolean permanent, boolean nothingSent) {
            super(code, null, false, false);
            this.code = code;
            this.permanent = permanent;
            this.nothingSent = nothingSent;
        }

        public String code() {
            return code;
        }

        public boolean permanent() {
            return permanent;
        }

        public boolean nothingSent() {
            return nothingSent;
        }
    }

    private final WebhookAddresses addresses;
    private final Supplier<SSLSocketFactory> tls;
    private final Duration connectTimeout;
    private final Duration totalTimeout;

    /** The JDK's default TLS (trust store, protocols), asked for at the first https delivery, never before a snapshot. */
    public WebhookHttp(WebhookAddresses addresses) {
        this(addresses, () -> (SSLSocketFactory) SSLSocketFactory.getDefault(), CONNECT_TIMEOUT, TOTAL_TIMEOUT);
    }

    /** @param tls asked for at each https delivery (tests give one that trusts their own certificate) */
    public WebhookHttp(
            WebhookAddresses addresses,
            Supplier<SSLSocketFactory> tls,
            Duration connectTimeout,
            Duration totalTimeout) {
        this.addresses = addresses;
        this.tls = tls;
        this.connectTimeout = connectTimeout;
        this.totalTimeout = totalTimeout;
    }

    public Response post(String url, Map<String, String> headers, byte[] body) {
        WebhookAddresses.Destination destination;
        try {
            destination = addresses.check(url);
        } catch (WebhookAddresses.Refused refused) {
            // a name that does not resolve may resolve again; an address that is not allowed is not retried
            throw new Failure(refused.code(), !refused.code().equals("WEBHOOK_HOST_UNRESOLVED"), true);
        }
        long deadline = System.nanoTime() + totalTimeout.toNanos();
        try (Socket plain = new Socket()) {
            Socket socket;
            try {
                plain.connect(new InetSocketAddress(destination.address(), destination.port()), (int)
                        connectTimeout.toMillis());
                plain.setSoTimeout(remaining(deadline));
                socket = destination.tls() ? secure(plain, destination) : plain;
            } catch (SocketTimeoutException e) {
                throw new Failure("CONNECT_TIMEOUT", false, true);
            } catch (SSLException e) {
                throw new Failure("TLS_FAILED", false, true);
            } catch (IOException e) {
                throw new Failure("CONNECTION_FAILED", false, true);
            }
            try {
                socket.setSoTimeout(remaining(deadline));
                OutputStream out = socket.getOutputStream();
                out.write(head(destination, headers, body.length));
                out.write(body);
                out.flush();
                return read(socket.getInputStream(), deadline);
            } finally {
                if (socket != plain) {
                    socket.close();
                }
            }
        } catch (Failure e) {
            throw e;
        } catch (SocketTimeoutException e) {
            throw new Failure("TIMEOUT", false);
        } catch (IOException e) {
            throw new Failure("CONNECTION_FAILED", false);
        }
    }

    private SSLSocket secure(Socket plain, WebhookAddresses.Destination destination) throws IOException {
        if (!(tls.get().createSocket(plain, destination.host(), destination.port(), true)
                instanceof SSLSocket socket)) {
            throw new SSLException("not a TLS socket");
        }
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!destination.uri().getHost().startsWith("[")
                && !Character.isDigit(
                        destination.host().charAt(destination.host().length() - 1))) {
            parameters.setServerNames(List.of(new SNIHostName(destination.host())));
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private static byte[] head(WebhookAddresses.Destination destination, Map<String, String> headers, int length) {
        URI uri = destination.uri();
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        boolean defaultPort = uri.getPort() == -1;
        StringBuilder head = new StringBuilder("POST ")
                .append(target)
                .append(" HTTP/1.1\r\nHost: ")
                .append(uri.getHost().toLowerCase(Locale.ROOT))
                .append(defaultPort ? "" : ":" + uri.getPort())
                .append("\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(length).append("\r\nConnection: close\r\n\r\n");
        String text = head.toString();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0x7E || (c < 0x20 && c != '\r' && c != '\n')) {
                throw new Failure("INVALID_REQUEST", true);
            }
        }
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The status line, headers and at most {@link #MAX_RESPONSE_BYTES} of the body. */
    private static Response read(InputStream in, long deadline) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int headEnd = -1;
        int contentLength = -1;
        boolean chunked = false;
        int status = -1;
        while (received.size() < MAX_RESPONSE_BYTES) {
            if (System.nanoTime() > deadline) {
                throw new SocketTimeoutException();
            }
            int n = in.read(buffer, 0, Math.min(buffer.length, MAX_RESPONSE_BYTES - received.size()));
            if (n < 0) {
                break;
            }
            received.write(buffer, 0, n);
            byte[] all = received.toByteArray();
            if (headEnd < 0) {
                headEnd = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                if (headEnd >= 0) {
                    String head = new String(all, 0, headEnd, StandardCharsets.ISO_8859_1);
                    status = status(head);
                    for (String line : head.split("\r\n")) {
                        String lower = line.toLowerCase(Locale.ROOT);
                        if (lower.startsWith("content-length:")) {
                            try {
                                contentLength =
                                        Integer.parseInt(lower.substring(15).strip());
                            } catch (NumberFormatException e) {
                                throw new Failure("INVALID_RESPONSE", false);
                            }
                        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                            chunked = true;
                        }
                    }
                }
            }
            if (headEnd >= 0 && contentLength >= 0 && all.length - headEnd - 4 >= contentLength) {
                break;
            }
            if (headEnd >= 0 && chunked && indexOf(all, "\r\n0\r\n".getBytes(StandardCharsets.US_ASCII)) >= headEnd) {
                break;
            }
        }
        byte[] all = received.toByteArray();
        if (headEnd < 0) {
            if (all.length == 0) {
                throw new Failure("NO_RESPONSE", false);
            }
            headEnd = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            if (headEnd < 0) {
                status = status(new String(all, StandardCharsets.ISO_8859_1));
                return new Response(status, "");
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(all, headEnd + 4, all.length);
        if (contentLength >= 0 && body.length > contentLength) {
            body = java.util.Arrays.copyOf(body, contentLength);
        }
        if (chunked) {
            body = dechunk(body);
        }
        return new Response(status, new String(body, StandardCharsets.UTF_8));
    }

    private static int status(String head) {
        String line = head.lines().findFirst().orElse("");
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[1-5][0-9][0-9]")) {
            throw new Failure("INVALID_RESPONSE", false);
        }
        return Integer.parseInt(parts[1]);
    }

    /** The data of a chunked body (as much of it as was read). */
    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length) {
            int lineEnd = indexOf(
                    java.util.Arrays.copyOfRange(body, i, body.length), "\r\n".getBytes(StandardCharsets.US_ASCII));
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(body, i, lineEnd, StandardCharsets.US_ASCII).split(";", 2)[0].strip();
            int size;
            try {
                size = Integer.parseInt(sizeText, 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size <= 0) {
                break;
            }
            int start = i + lineEnd + 2;
            int end = Math.min(body.length, start + size);
            out.write(body, start, end - start);
            i = end + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int remaining(long deadline) {
        long millis = (deadline - System.nanoTime()) / 1_000_000;
        if (millis <= 0) {
            throw new Failure("TIMEOUT", false);
        }
        return (int) millis;
    }
}
