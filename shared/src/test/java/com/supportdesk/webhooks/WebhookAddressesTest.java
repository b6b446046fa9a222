package com.supportdesk.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which URLs a webhook may have. Names resolve through a resolver of the test's own (a seam), so a name
 * that "resolves to a private address" needs no DNS; IP literals resolve as the JDK reads them.
 */
class WebhookAddressesTest {
    private static final Map<String, String[]> NAMES = Map.of(
            "hooks.example.com", new String[] {"93.184.215.14"},
            "internal.example.com", new String[] {"10.0.0.5"},
            "metadata.example.com", new String[] {"169.254.169.254"},
            "mixed.example.com", new String[] {"93.184.215.14", "192.168.1.10"},
            "v6private.example.com", new String[] {"fd12:3456::1"},
            "localhost", new String[] {"127.0.0.1", "::1"},
            "mapped.example.com", new String[] {"::ffff:10.1.2.3"});

    static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] addresses = NAMES.get(host);
        if (addresses == null) {
            if (host.matches("[0-9.]+|.*:.*")) {
                return InetAddress.getAllByName(host); // a literal: no DNS
            }
            throw new UnknownHostException(host);
        }
        InetAddress[] out = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            out[i] = InetAddress.getByName(addresses[i]);
        }
        return out;
    }

    private final WebhookAddresses deployed = new WebhookAddresses(WebhookAddressesTest::resolve, false);
    private final WebhookAddresses local = new WebhookAddresses(WebhookAddressesTest::resolve, true);

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "http://hooks.example.com/x, WEBHOOK_URL_NOT_HTTPS",
        "ftp://hooks.example.com/x, WEBHOOK_URL_NOT_HTTPS",
        "https://127.0.0.1/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://127.255.0.1/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://10.1.2.3/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://172.16.0.1/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://192.168.0.1/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://100.64.0.1/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://169.254.169.254/latest/meta-data/, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://0.0.0.0/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://224.0.0.1/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://255.255.255.255/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://198.18.0.1/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://[::1]/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://[::]/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://[fc00::1]/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://[fd00:ec2::254]/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://[fe80::1]/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://[ff02::1]/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://[::ffff:127.0.0.1]/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://[::ffff:169.254.169.254]/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://[64:ff9b::a00:1]/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://[2001:db8::1]/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://[2002:7f00:1::1]/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://0x7f.0.0.1/x, WEBHOOK_URL_INVALID", // not a host name to java.net.URI either
        "https://0x7f.0.0.1/x, WEBHOOK_URL_INVALID", // not a host name to java.net.URI either
        "https://2130706433/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://017700000001/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://0177.0.0.1/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://127.1/x, WEBHOOK_URL_INVALID",
        "https://localhost/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://internal.example.com/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://metadata.example.com/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://mixed.example.com/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://v6private.example.com/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://mapped.example.com/x, WEBHOOK_ADDRESS_NOT_ALLOWED",
        "https://unknown.example.com/x, WEBHOOK_HOST_UNRESOLVED",
        "https://user:pass@hooks.example.com/x, WEBHOOK_URL_INVALID",
        "https://hooks.example.com/x#frag, WEBHOOK_URL_INVALID",
        "https://hooks.example.com:0/x, WEBHOOK_URL_INVALID",
        "https://hooks.exa mple.com/x, WEBHOOK_URL_INVALID",
        "https://hooks.example.com/\u00e9, WEBHOOK_URL_INVALID",
        "https:///x, WEBHOOK_URL_INVALID",
        "//hooks.example.com/x, WEBHOOK_URL_INVALID",
        "https://exa_mple.com/x, WEBHOOK_URL_INVALID",
    })
    void hostileUrlsAreRefusedWithTheirReason(String url, String code) {
        assertThatThrownBy(() -> deployed.check(url))
                .isInstanceOf(WebhookAddresses.Refused.class)
                .extracting(e -> ((WebhookAddresses.Refused) e).code())
                .isEqualTo(code);
    }

    @Test
    void publicHttpsUrlsPassAndTheCheckedAddressIsWhereToConnect() throws Exception {
        WebhookAddresses.Destination d = deployed.check("https://hooks.example.com/robot/send?access_token=abc");
        assertThat(d.address().getHostAddress()).isEqualTo("93.184.215.14");
        assertThat(d.port()).isEqualTo(443);
        assertThat(d.tls()).isTrue();
        assertThat(deployed.check("https://1.1.1.1:8443/x").port()).isEqualTo(8443);
        assertThat(deployed.check("https://[2606:4700:4700::1111]/x").address().getHostAddress())
                .isEqualTo("2606:4700:4700:0:0:0:0:1111");
    }

    @Test
    void onlyTheLocalSettingLetsLoopbackHttpThroughAndNothingElsePrivate() throws Exception {
        assertThat(local.check("http://127.0.0.1:3000/_local/webhook-receiver/r1")
                        .tls())
                .isFalse();
        assertThat(local.check("http://localhost:3000/x").address().isLoopbackAddress())
                .isTrue();
        assertThatThrownBy(() -> local.check("http://10.1.2.3/x"))
                .extracting(e -> ((WebhookAddresses.Refused) e).code())
                .isEqualTo("WEBHOOK_URL_NOT_HTTPS");
        assertThatThrownBy(() -> local.check("https://169.254.169.254/x"))
                .extracting(e -> ((WebhookAddresses.Refused) e).code())
                .isEqualTo("WEBHOOK_ADDRESS_NOT_ALLOWED");
        assertThatThrownBy(() -> deployed.check("http://127.0.0.1:3000/x"))
                .extracting(e -> ((WebhookAddresses.Refused) e).code())
                .isEqualTo("WEBHOOK_URL_NOT_HTTPS");
    }
}
