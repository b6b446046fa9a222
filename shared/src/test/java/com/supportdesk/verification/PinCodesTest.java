package com.supportdesk.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PinCodesTest {

    @Test
    void codesHaveEightDigitsByDefaultAndAreReadAsTwoGroupsOfFour() {
        PinCodes codes = new PinCodes(VerificationPolicy.defaults().codeLength());
        char[] code = codes.next();
        assertThat(new String(code)).matches("[0-9]{8}");
        assertThat(PinCodes.grouped("12345678".toCharArray())).isEqualTo("1234 5678");
    }

    /**
     * Chi-square over every digit position of 20,000 codes: catches codes drawn from a narrower range
     * (no leading zero), modulo bias, or a repeating generator. 9 degrees of freedom; 27.88 is p = 0.001.
     */
    @Test
    void everyDigitOfEveryPositionIsUniform() {
        PinCodes codes = new PinCodes(8);
        int n = 20_000;
        int[][] counts = new int[8][10];
        for (int i = 0; i < n; i++) {
            char[] code = codes.next();
            for (int p = 0; p < 8; p++) {
                counts[p][code[p] - '0']++;
            }
        }
        double expected = n / 10.0;
        for (int p = 0; p < 8; p++) {
            double chi2 = 0;
            for (int d = 0; d < 10; d++) {
                chi2 += Math.pow(counts[p][d] - expected, 2) / expected;
            }
            assertThat(chi2).as("chi-square of position %d", p).isLessThan(27.88);
        }
    }

    @Test
    void aFreshSecureRandomIsTakenForEveryCodeSoNoneIsCapturedInASnapshot() {
        AtomicInteger created = new AtomicInteger();
        PinCodes codes = new PinCodes(8, () -> {
            created.incrementAndGet();
            return new SecureRandom();
        });
        assertThat(created).hasValue(0);
        codes.next();
        codes.next();
        assertThat(created).hasValue(2);
    }

    @Test
    void typedCodesAcceptTheGroupingAndNothingElse() {
        PinCodes codes = new PinCodes(8);
        assertThat(codes.parse("1234 5678"))
                .hasValueSatisfying(c -> assertThat(new String(c)).isEqualTo("12345678"));
        assertThat(codes.parse("1234-5678")).isPresent();
        assertThat(codes.parse("12345678")).isPresent();
        assertThat(codes.parse("1234567")).isEmpty();
        assertThat(codes.parse("123456789")).isEmpty();
        assertThat(codes.parse("1234 567a")).isEmpty();
        assertThat(codes.parse("１２３４５６７８")).as("full-width digits").isEmpty();
        assertThat(codes.parse(null)).isEmpty();
    }
}
