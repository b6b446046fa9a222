package com.supportdesk.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/** The sender resolves and checks again before every delivery, connects to what it checked, and follows no redirect. */
class WebhookDeliveryGuardTest {

    @Test
    void aNameThatResolvedPubliclyAtRegistrationButPrivatelyNowIsNotDeliveredToAndNotRetried() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        WebhookAddresses rebinding = new WebhookAddresses(
                host -> new InetAddress[] {
                    InetAddress.getByName(lookups.getAndIncrement() == 0 ? "93.184.215.14" : "127.0.0.1")
                },
                false);
        // registration's check passes...
        rebinding.check("https://rebind.example.com/hook");
        // ...the delivery's own check does not: refused before any connection, for good
        WebhookHttp http = new WebhookHttp(
                rebinding,
                () -> (SSLSocketFactory) SSLSocketFactory.getDefault(),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2));
        assertThatThrownBy(() -> http.post("https://rebind.example.com/hook", Map.of(), new byte[0]))
                .isInstanceOfSatisfying(WebhookHttp.Failure.class, f -> {
                    assertThat(f.code()).isEqualTo("WEBHOOK_ADDRESS_NOT_ALLOWED");
                    assertThat(f.permanent()).isTrue();
                });
        assertThat(lookups).hasValue(2);
    }

    @Test
    void theRequestGoesToTheCheckedAddressWithTheUrlsHostAndARedirectIsAFailure() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                try (Socket s = server.accept()) {
                    byte[] head = readHead(s.getInputStream());
                    String text = new String(head, StandardCharsets.ISO_8859_1);
                    OutputStream out = s.getOutputStream();
                    String status =
                            text.startsWith("POST /hook?x=1 HTTP/1.1\r\n") && text.contains("\r\nHost: receiver.test:")
                                    ? "302 Found\r\nLocation: http://169.254.169.254/"
                                    : "400 Bad Request";
                    out.write(("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // the test's assertion says what went wrong
                }
            });
            answer.start();
            // the name "resolves" to loopback, which only the local setting allows
            WebhookAddresses local =
                    new WebhookAddresses(host -> new InetAddress[] {InetAddress.getLoopbackAddress()}, true);
            WebhookSender sender = new WebhookSender(
                    new WebhookHttp(
                            local,
                            () -> (SSLSocketFactory) SSLSocketFactory.getDefault(),
                            Duration.ofSeconds(1),
                            Duration.ofSeconds(2)),
                    java.time.Clock.systemUTC());
            WebhookEvent event = WebhookPayloadsTest.event();
            assertThatThrownBy(() -> sender.send(
                            WebhookFormat.GENERIC,
                            new WebhookTarget(
                                    "http://receiver.test:" + server.getLocalPort() + "/hook?x=1",
                                    "secret-0123456789abc"),
                            event,
                            "d-1"))
                    .isInstanceOfSatisfying(WebhookHttp.Failure.class, f -> {
                        assertThat(f.code()).isEqualTo("REDIRECT_NOT_FOLLOWED");
                        assertThat(f.permanent()).isFalse();
                    });
            answer.join(5000);
        }
    }

    private static byte[] readHead(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int last4 = 0;
        int b;
        while ((b = in.read()) >= 0) {
            out.write(b);
            last4 = (last4 << 8) | b;
            if (last4 == 0x0D0A0D0A) {
                break;
            }
        }
        return out.toByteArray();
    }
}
