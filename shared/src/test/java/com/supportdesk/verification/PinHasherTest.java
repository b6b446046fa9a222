package com.supportdesk.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PinHasherTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    @Test
    void theHashIsHmacSha256OfIdZeroByteAndCode() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        byte[] expected = mac.doFinal("VER-AAAA-BBBB-CCCC-DDDD\u000012345678".getBytes(StandardCharsets.US_ASCII));
        byte[] actual = new PinHasher(() -> KEY).hash("VER-AAAA-BBBB-CCCC-DDDD", "12345678".toCharArray());
        assertThat(HexFormat.of().formatHex(actual)).isEqualTo(HexFormat.of().formatHex(expected));
    }

    @Test
    void theHashDependsOnKeyIdAndCode() {
        PinHasher hasher = new PinHasher(() -> KEY);
        byte[] base = hasher.hash("VER-1", "12345678".toCharArray());
        assertThat(hasher.hash("VER-2", "12345678".toCharArray())).isNotEqualTo(base);
        assertThat(hasher.hash("VER-1", "12345679".toCharArray())).isNotEqualTo(base);
        assertThat(new PinHasher(() -> "another-key-of-thirty-two-bytes!".getBytes(StandardCharsets.UTF_8))
                        .hash("VER-1", "12345678".toCharArray()))
                .isNotEqualTo(base);
        // the separator keeps (id, code) pairs apart that would otherwise concatenate alike
        assertThat(hasher.hash("VER-11", "2345678".toCharArray()))
                .isNotEqualTo(hasher.hash("VER-1", "12345678".toCharArray()));
    }

    @Test
    void matchesComparesHashes() {
        PinHasher hasher = new PinHasher(() -> KEY);
        byte[] stored = hasher.hash("VER-1", "12345678".toCharArray());
        assertThat(hasher.matches("VER-1", "12345678".toCharArray(), stored)).isTrue();
        assertThat(hasher.matches("VER-1", "12345670".toCharArray(), stored)).isFalse();
        assertThat(hasher.matches("VER-1", "12345678".toCharArray(), null)).isFalse();
    }

    @Test
    void theKeyIsAskedForOnFirstUseOnlyAndOnce() {
        AtomicInteger reads = new AtomicInteger();
        PinHasher hasher = new PinHasher(() -> {
            reads.incrementAndGet();
            return KEY.clone();
        });
        assertThat(reads).hasValue(0);
        hasher.hash("VER-1", "12345678".toCharArray());
        hasher.hash("VER-2", "12345678".toCharArray());
        assertThat(reads).hasValue(1);
    }

    @Test
    void shortKeysAreRefused() {
        PinHasher hasher = new PinHasher(() -> "too-short".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> hasher.hash("VER-1", "12345678".toCharArray()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("too-short");
    }
}
