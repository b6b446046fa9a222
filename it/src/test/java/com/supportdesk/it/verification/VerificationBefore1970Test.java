package com.supportdesk.it.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.local.LocalAws;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A contact that was never suspended is not suspended at any instant: "never" is stored as no value, not
 * as the epoch, which a clock set before 1970 (a simulated clock can be) would read as a suspension.
 */
@ExtendWith(LocalAwsExtension.class)
class VerificationBefore1970Test {

    @Test
    void aCodeIsSentAndConfirmedOnAClockBefore1970(LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws);
        f.clock.set(Instant.parse("1969-07-20T20:17:00Z"));
        HttpResult started = f.start();
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        String id = started.json().path("verificationId").asText();
        HttpResult confirmed = f.confirm(id, f.lastCodeMailedTo(f.email));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
    }
}
