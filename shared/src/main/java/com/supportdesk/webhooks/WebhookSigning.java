package com.supportdesk.webhooks;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signatures of a delivery.
 *
 * <ul>
 *   <li><b>The desk's own</b>, on every delivery of every format: header {@value #TIMESTAMP_HEADER} (Unix
 *       seconds) and header {@value #SIGNATURE_HEADER} {@code v1=<hex>}, where {@code <hex>} is the lower-case
 *       hex of HMAC-SHA256(key = the webhook's secret, message = timestamp + "." + the exact body bytes). A
 *       receiver recomputes it, compares in constant time, and refuses a timestamp more than
 *       {@link #TOLERANCE} away from its own clock (a replay).</li>
 *   <li><b>DingTalk</b> custom robot ("加签"): query parameters {@code timestamp} (Unix milliseconds) and
 *       {@code sign} = URL-encoded Base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret)).</li>
 *   <li><b>Feishu</b> custom bot ("签名校验"): body fields {@code timestamp} (Unix seconds) and {@code sign} =
 *       Base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = empty)).</li>
 *   <li><b>WeCom</b> group bots sign nothing: the bot's key is part of its URL.</li>
 * </ul>
 */
public final class WebhookSigning {
    public static final String TIMESTAMP_HEADER = "X-SupportDesk-Timestamp";
    public static final String SIGNATURE_HEADER = "X-SupportDesk-Signature";
    /** How far a receiver should accept a timestamp from its own clock. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private WebhookSigning() {}

    /** {@code v1=<hex of HMAC-SHA256(secret, timestamp + "." + body)>}. */
    public static String signature(String secret, long timestampSeconds, byte[] body) {
        byte[] prefix = (timestampSeconds + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(body, 0, message, prefix.length, body.length);
        return "v1=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), message));
    }

    /**
     * What a receiver does: true when {@code signatureHeader} is the signature of {@code body} at
     * {@code timestampHeader} under {@code secret}, and the timestamp is within {@link #TOLERANCE} of {@code now}.
     */
    public static boolean verify(
            String secret, String timestampHeader, String signatureHeader, byte[] body, Instant now) {
        if (timestampHeader == null || signatureHeader == null || !timestampHeader.matches("[0-9]{1,12}")) {
            return false;
        }
        long timestamp = Long.parseLong(timestampHeader);
        if (Math.abs(now.getEpochSecond() - timestamp) > TOLERANCE.toSeconds()) {
            return false;
        }
        byte[] expected = signature(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signatureHeader.getBytes(StandardCharsets.US_ASCII));
    }

    /** DingTalk's {@code sign}, not yet URL-encoded. */
    public static String dingTalkSign(String secret, long timestampMillis) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        return Base64.getEncoder()
                .encodeToString(hmac(key, (timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code timestamp=<ms>&sign=<URL-encoded sign>}, to add to a DingTalk robot URL's query. */
    public static String dingTalkQuery(String secret, long timestampMillis) {
        return "timestamp=" + timestampMillis + "&sign="
                + URLEncoder.encode(dingTalkSign(secret, timestampMillis), StandardCharsets.UTF_8);
    }

    /** Feishu's {@code sign}. */
    public static String feishuSign(String secret, long timestampSeconds) {
        byte[] key = (timestampSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8);
        return Base64.getEncoder().encodeToString(hmac(key, new byte[0]));
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }
}
