package com.supportdesk.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportdesk.refusal.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class PageTokensTest {
    private static final byte[] KEY = "page-token-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Set<String> NAMES = Set.of("pk", "sk", "tenantId", "createdKey");
    private static final Map<String, AttributeValue> POSITION = position("CASE#CS-1", "CASE", "t1");

    private final PageTokens tokens = new PageTokens(KEY::clone);

    private static Map<String, AttributeValue> position(String pk, String sk, String tenant) {
        return Map.of(
                "pk", AttributeValue.fromS(pk),
                "sk", AttributeValue.fromS(sk),
                "tenantId", AttributeValue.fromS(tenant),
                "createdKey", AttributeValue.fromS("2026-11-27T01:00:00Z#CS-1"));
    }

    private Map<String, AttributeValue> open(String token, String index, String partition) {
        return tokens.open(token, index, NAMES, "tenantId", partition);
    }

    @Test
    void aTokenRoundTripsAndShowsNothingOfWhatItHolds() {
        String token = tokens.seal("byTenant", POSITION);
        assertThat(open(token, "byTenant", "t1")).isEqualTo(POSITION);
        byte[] raw = Base64.getUrlDecoder().decode(token.substring("pt1.".length()));
        String asText = new String(raw, StandardCharsets.ISO_8859_1);
        // (only strings long enough that random bytes cannot contain them by chance)
        assertThat(asText).doesNotContain("byTenant", "tenantId", "createdKey", "CASE#CS-1", "\"k\":{");
        assertThat(tokens.seal("byTenant", POSITION))
                .as("a fresh nonce each time")
                .isNotEqualTo(token);
    }

    @Test
    void everyEditOfATokenIsRefused() {
        String token = tokens.seal("byTenant", POSITION);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            char other = alphabet.charAt((alphabet.indexOf(c) + 1) % alphabet.length());
            String edited = token.substring(0, i) + other + token.substring(i + 1);
            if (!edited.equals(token)) {
                assertInvalid(() -> open(edited, "byTenant", "t1"));
            }
        }
        assertInvalid(() -> open(token.substring(0, token.length() - 1), "byTenant", "t1"));
        assertInvalid(() -> open(token + "A", "byTenant", "t1"));
        assertInvalid(() -> open(token.substring("pt1.".length()), "byTenant", "t1"));
    }

    @Test
    void aTokenIsBoundToItsQueryAndToCasePositions() {
        String token = tokens.seal("byTenant", POSITION);
        assertInvalid(() -> open(token, "byTenant", "t2"));
        assertInvalid(() -> open(token, "byStatus", "t1"));
        String keyItem = tokens.seal("byTenant", position("IDEMPOTENCY#t1#k", "IDEMPOTENCY", "t1"));
        assertInvalid(() -> open(keyItem, "byTenant", "t1"));
    }

    @Test
    void madeUpTokensAndTokensOfAnotherKeyAreRefused() {
        // the unsigned base64 JSON that tokens once were, naming the caller's own tenant
        String forged = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("{\"v\":1,\"i\":\"byTenant\",\"k\":{\"pk\":\"CASE#CS-1\",\"sk\":\"CASE\","
                                + "\"tenantId\":\"t1\",\"createdKey\":\"2026-11-27T01:00:00Z#CS-1\"}}")
                        .getBytes(StandardCharsets.UTF_8));
        PageTokens otherKey =
                new PageTokens(() -> "another-page-token-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        for (String bad : List.of(forged, "pt1." + forged, "%%%", "pt1.", "pt1.AAAA", "", "pt1.e30")) {
            assertInvalid(() -> open(bad, "byTenant", "t1"));
        }
        assertInvalid(() -> open(otherKey.seal("byTenant", POSITION), "byTenant", "t1"));
    }

    @Test
    void theKeyIsAskedForOnFirstUseOnlyAndMustBeLongEnough() {
        AtomicInteger reads = new AtomicInteger();
        PageTokens lazy = new PageTokens(() -> {
            reads.incrementAndGet();
            return KEY.clone();
        });
        assertThat(reads).hasValue(0);
        String token = lazy.seal("byTenant", POSITION);
        lazy.open(token, "byTenant", NAMES, "tenantId", "t1");
        assertThat(reads).hasValue(1);
        assertThatThrownBy(() -> new PageTokens(() -> new byte[16]).seal("byTenant", POSITION))
                .isInstanceOf(IllegalStateException.class);
    }

    private static void assertInvalid(Runnable open) {
        assertThatThrownBy(open::run)
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.code()).isEqualTo("INVALID_NEXT_TOKEN"));
    }
}
