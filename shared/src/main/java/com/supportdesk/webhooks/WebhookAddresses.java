package com.supportdesk.webhooks;

import com.supportdesk.i18n.Text;
import com.supportdesk.runtime.FunctionEnvironment;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a webhook may be delivered: only {@code https} URLs whose host resolves to public addresses only.
 * Checked when a webhook is registered and again, resolving the name afresh, before every delivery (a name
 * may resolve to a private address later: DNS rebinding); the sender then connects to the very address
 * checked here, never resolving again.
 *
 * <p>Refused: loopback, private (RFC 1918), carrier-grade NAT, link-local (cloud metadata at 169.254.169.254),
 * "this network", benchmarking, documentation, multicast, reserved and broadcast IPv4; for IPv6 everything
 * outside global unicast {@code 2000::/3}, and inside it documentation, Teredo and 6to4; IPv4-mapped and
 * NAT64 addresses count as the IPv4 address they carry. Hosts written as numbers in any form other than a
 * plain dotted quad ({@code 2130706433}, {@code 0x7f000001}, {@code 0177.0.0.1}, {@code 127.1}) are refused
 * before any resolution, since resolvers disagree about what they mean. A name must resolve to public
 * addresses only: one private address among public ones is refused too.
 *
 * <p>The local runner alone sets {@value #ALLOW_LOOPBACK_VARIABLE}: then a URL whose host is loopback may be
 * {@code http} (the walkthrough's local receiver). No deployed stack sets it (a contract test reads the template).
 */
public final class WebhookAddresses {
    /** Local runs only: allow {@code http} to loopback receivers. */
    public static final String ALLOW_LOOPBACK_VARIABLE = "WEBHOOK_ALLOW_LOOPBACK_HTTP";

    static final int MAX_URL_LENGTH = 2048;
    private static final Pattern NUMERIC_HOST = Pattern.compile("[0-9.]+|0[xX][0-9a-fA-F.xX]*|.*\\.0[xX][0-9a-fA-F]*");
    private static final Pattern DOTTED_QUAD = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9-]{1,63}");

    /** Looks a host name up; tests give their own. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;

        Resolver SYSTEM = InetAddress::getAllByName;
    }

    /** Why a URL or address is not a place the desk delivers to. */
    public static final class Refused extends Exception {
        private final String code;
        // thrown and answered at once, never serialised; its text is not Serializable
        private final transient Text text;

        Refused(String code, Text text) {
            super(text.key(), null, false, false);
            this.code = code;
            this.text = text;
        }

        /** What to tell the person: a {@code refusals} text whose key is the code or {@code code.variant}. */
        public Text text() {
            return text;
        }

        /** A stable code: {@code WEBHOOK_URL_INVALID}, {@code WEBHOOK_URL_NOT_HTTPS}, {@code WEBHOOK_ADDRESS_NOT_ALLOWED}, {@code WEBHOOK_HOST_UNRESOLVED}. */
        public String code() {
            return code;
        }
    }

    /** A URL that passed, with the address to connect to. */
    public record Destination(URI uri, String host, int port, boolean tls, InetAddress address) {}

    private final Resolver resolver;
    private final boolean allowLoopbackHttp;

    public WebhookAddresses(Resolver resolver, boolean allowLoopbackHttp) {
        this.resolver = resolver;
        this.allowLoopbackHttp = allowLoopbackHttp;
    }

    /** The system resolver; loopback {@code http} only where {@value #ALLOW_LOOPBACK_VARIABLE} is {@code true}. */
    public static WebhookAddresses from(FunctionEnvironment environment) {
        return new WebhookAddresses(
                Resolver.SYSTEM, environment.get(ALLOW_LOOPBACK_VARIABLE, "").equals("true"));
    }

    public boolean allowsLoopbackHttp() {
        return allowLoopbackHttp;
    }

    /** Parses and checks {@code url} without resolving it: scheme, form, host spelling. */
    public URI parse(String url) throws Refused {
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            throw new Refused("WEBHOOK_URL_INVALID", Text.of("WEBHOOK_URL_INVALID.length", "max", MAX_URL_LENGTH));
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                // spaces, controls and anything outside ASCII: percent-encode it (and use the punycode of a name)
                throw new Refused("WEBHOOK_URL_INVALID", Text.of("WEBHOOK_URL_INVALID.ascii"));
            }
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused("WEBHOOK_URL_INVALID", Text.of("WEBHOOK_URL_INVALID.syntax"));
        }
        String scheme = uri.getScheme() == null ? "" : asciiLower(uri.getScheme());
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getRawAuthority() == null) {
            throw new Refused("WEBHOOK_URL_INVALID", Text.of("WEBHOOK_URL_INVALID.absolute"));
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && allowLoopbackHttp)) {
            throw new Refused("WEBHOOK_URL_NOT_HTTPS", Text.of("WEBHOOK_URL_NOT_HTTPS"));
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("WEBHOOK_URL_INVALID", Text.of("WEBHOOK_URL_INVALID.userInfo"));
        }
        if (uri.getRawFragment() != null) {
            throw new Refused("WEBHOOK_URL_INVALID", Text.of("WEBHOOK_URL_INVALID.fragment"));
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new Refused("WEBHOOK_URL_INVALID", Text.of("WEBHOOK_URL_INVALID.noHost"));
        }
        host = asciiLower(host);
        if (host.startsWith("[")) {
            if (!host.endsWith("]") || host.contains("%")) {
                throw new Refused("WEBHOOK_URL_INVALID", Text.of("WEBHOOK_URL_INVALID.ipv6"));
            }
        } else if (NUMERIC_HOST.matcher(host).matches()
                && !DOTTED_QUAD.matcher(host).matches()) {
            throw new Refused("WEBHOOK_ADDRESS_NOT_ALLOWED", Text.of("WEBHOOK_ADDRESS_NOT_ALLOWED.dottedQuad"));
        } else if (!isHostName(host)) {
            throw new Refused("WEBHOOK_URL_INVALID", Text.of("WEBHOOK_URL_INVALID.host"));
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new Refused("WEBHOOK_URL_INVALID", Text.of("WEBHOOK_URL_INVALID.port"));
        }
        return uri;
    }

    /**
     * Parses, resolves and checks {@code url}: where to connect now.
     *
     * @throws Refused when the URL is not allowed, a resolved address is not public, or the name does not resolve
     */
    public Destination check(String url) throws Refused {
        URI uri = parse(url);
        String host = asciiLower(uri.getHost());
        boolean tls = asciiLower(uri.getScheme()).equals("https");
        int port = uri.getPort() == -1 ? (tls ? 443 : 80) : uri.getPort();
        String lookup = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(lookup);
        } catch (UnknownHostException | SecurityException e) {
            throw new Refused("WEBHOOK_HOST_UNRESOLVED", Text.of("WEBHOOK_HOST_UNRESOLVED"));
        }
        if (addresses == null || addresses.length == 0) {
            throw new Refused("WEBHOOK_HOST_UNRESOLVED", Text.of("WEBHOOK_HOST_UNRESOLVED"));
        }
        boolean allLoopback = true;
        for (InetAddress address : addresses) {
            allLoopback &= isLoopback(address);
        }
        if (allowLoopbackHttp && allLoopback) {
            return new Destination(uri, lookup, port, tls, addresses[0]);
        }
        if (!tls) {
            throw new Refused("WEBHOOK_URL_NOT_HTTPS", Text.of("WEBHOOK_URL_NOT_HTTPS"));
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw new Refused("WEBHOOK_ADDRESS_NOT_ALLOWED", Text.of("WEBHOOK_ADDRESS_NOT_ALLOWED.notPublic"));
            }
        }
        return new Destination(uri, lookup, port, tls, addresses[0]);
    }

    /** Letters A-Z to a-z only: the URL has been checked to be ASCII, so no locale or Unicode mapping applies. */
    static String asciiLower(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] = (char) (chars[i] + ('a' - 'A'));
            }
        }
        return new String(chars);
    }

    /** Dot-separated labels of letters, digits and inner hyphens, at most 253 characters (an optional final dot). */
    private static boolean isHostName(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches() || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
        }
        return true;
    }

    /** Whether a delivery may go to {@code address}. */
    public static boolean isPublic(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(b);
        }
        if (address instanceof Inet6Address) {
            // ::ffff:a.b.c.d (mapped) and 64:ff9b::a.b.c.d (NAT64) are the IPv4 address they carry
            if (prefix(b, MAPPED, 96) || prefix(b, NAT64, 96)) {
                return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]});
            }
            if ((b[0] & 0xE0) != 0x20) {
                return false; // outside 2000::/3: loopback, unspecified, ULA fc00::/7, link-local, multicast, ...
            }
            return !prefix(b, DOCUMENTATION_V6, 32) && !prefix(b, TEREDO, 32) && !prefix(b, SIX_TO_FOUR, 16);
        }
        return false;
    }

    private static boolean isLoopback(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address && prefix(b, MAPPED, 96)) {
            return (b[12] & 0xFF) == 127;
        }
        return address.isLoopbackAddress();
    }

    private static final byte[] MAPPED = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF};
    private static final byte[] NAT64 = {0, 0x64, (byte) 0xFF, (byte) 0x9B, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] DOCUMENTATION_V6 = {0x20, 0x01, 0x0D, (byte) 0xB8};
    private static final byte[] TEREDO = {0x20, 0x01, 0, 0};
    private static final byte[] SIX_TO_FOUR = {0x20, 0x02};

    private static boolean prefix(byte[] address, byte[] prefix, int bits) {
        for (int i = 0; i < bits / 8; i++) {
            if (address[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Every IPv4 range of the IANA special-purpose registry that is not globally reachable, and multicast. */
    private static final List<int[]> NOT_PUBLIC_V4 = List.of(
            range(0, 0, 0, 0, 8), // "this network"
            range(10, 0, 0, 0, 8), // private
            range(100, 64, 0, 0, 10), // carrier-grade NAT
            range(127, 0, 0, 0, 8), // loopback
            range(169, 254, 0, 0, 16), // link-local (cloud instance metadata)
            range(172, 16, 0, 0, 12), // private
            range(192, 0, 0, 0, 24), // IETF protocol assignments
            range(192, 0, 2, 0, 24), // documentation
            range(192, 88, 99, 0, 24), // 6to4 relay anycast
            range(192, 168, 0, 0, 16), // private
            range(198, 18, 0, 0, 15), // benchmarking
            range(198, 51, 100, 0, 24), // documentation
            range(203, 0, 113, 0, 24), // documentation
            range(224, 0, 0, 0, 4), // multicast
            range(240, 0, 0, 0, 4)); // reserved, and broadcast 255.255.255.255

    private static int[] range(int a, int b, int c, int d, int bits) {
        return new int[] {(a << 24) | (b << 16) | (c << 8) | d, bits};
    }

    private static boolean isPublicV4(byte[] b) {
        int value = ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        for (int[] range : NOT_PUBLIC_V4) {
            int mask = range[1] == 0 ? 0 : -1 << (32 - range[1]);
            if ((value & mask) == range[0]) {
                return false;
            }
        }
        return true;
    }
}
