package com.supportdesk.sla;

import static com.supportdesk.model.Category.BILLING;
import static com.supportdesk.model.Severity.B;
import static com.supportdesk.sla.Times.bj;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Holidays are Beijing dates; the zone the JVM happens to run in must not move them by a day. */
class DefaultTimeZoneTest {

    private TimeZone original;

    @BeforeEach
    void remember() {
        original = TimeZone.getDefault();
    }

    @AfterEach
    void restore() {
        TimeZone.setDefault(original);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "America/Los_Angeles", "Pacific/Kiritimati", "Asia/Shanghai"})
    void the_national_day_holiday_is_1_to_7_october_in_beijing_whatever_the_jvm_zone(String jvmZone) {
        TimeZone.setDefault(TimeZone.getTimeZone(jvmZone));
        SupportCalendar calendar = SlaPolicies.load(SlaPolicies.class.getResourceAsStream("/sla/default-policy.json"))
                .rule(B, BILLING)
                .calendar();

        assertThat(calendar.isOpen(bj("2026-09-30T17:59"))).isTrue();
        assertThat(calendar.isOpen(bj("2026-10-01T09:00"))).isFalse();
        assertThat(calendar.isOpen(bj("2026-10-07T17:00"))).isFalse();
        assertThat(calendar.isOpen(bj("2026-10-08T09:00"))).isTrue();
        assertThat(SlaClock.due(calendar, bj("2026-09-30T17:00"), Duration.ofHours(9)))
                .isEqualTo(bj("2026-10-08T17:00"));
    }
}
