package com.supportdesk.sla;

import static com.supportdesk.model.Severity.A;
import static com.supportdesk.model.Severity.B;
import static com.supportdesk.model.Severity.C;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportdesk.model.Category;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class SlaPoliciesTest {

    static final SlaPolicies DEFAULTS = SlaPolicies.defaults();

    static SlaPolicies load(String json) {
        return SlaPolicies.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void critical_severity_is_only_for_technical_cases() {
        assertThat(DEFAULTS.isAllowed(A, Category.TECHNICAL)).isTrue();
        for (Category category : EnumSet.complementOf(EnumSet.of(Category.TECHNICAL))) {
            assertThat(DEFAULTS.isAllowed(A, category)).as(category.name()).isFalse();
            assertThat(DEFAULTS.allowedSeverities(category)).containsExactly(B, C);
        }
    }

    @Test
    void the_defaults_are_those_of_the_support_terms() {
        SlaRule a = DEFAULTS.rule(A, Category.TECHNICAL);
        assertThat(a.workingTime()).isEqualTo(Duration.ofHours(1));
        assertThat(a.calendar().isAlwaysOpen()).isTrue();

        SlaRule technicalB = DEFAULTS.rule(B, Category.TECHNICAL);
        assertThat(technicalB.target()).isEqualTo(Target.businessDays(1));
        assertThat(technicalB.calendar().zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(technicalB.calendar().businessDay()).isEqualTo(Duration.ofHours(15));
        assertThat(technicalB.calendar().holidays()).isEmpty();
        assertThat(DEFAULTS.rule(C, Category.TECHNICAL).workingTime()).isEqualTo(Duration.ofHours(45));

        for (Category category : EnumSet.of(Category.BILLING, Category.SUBSCRIPTION, Category.PRESALES)) {
            SlaRule b = DEFAULTS.rule(B, category);
            assertThat(b.workingTime()).isEqualTo(Duration.ofHours(9));
            assertThat(b.calendar().windows(DayOfWeek.SATURDAY)).isEmpty();
            assertThat(b.calendar().holidays()).contains(LocalDate.of(2026, 10, 1), LocalDate.of(2027, 2, 10));
            assertThat(b.calendar().makeUpDays()).containsEntry(LocalDate.of(2026, 9, 20), DayOfWeek.MONDAY);
            assertThat(DEFAULTS.rule(C, category).workingTime()).isEqualTo(Duration.ofHours(27));
        }

        assertThat(DEFAULTS.warning().leftOf(Duration.ofHours(15))).isEqualTo(Duration.ofMinutes(225));
        FollowUpPolicy followUp = DEFAULTS.followUp().orElseThrow();
        assertThat(followUp.severities()).containsExactly(A);
        assertThat(followUp.every()).isEqualTo(Duration.ofHours(4));
        assertThat(followUp.calendar().isAlwaysOpen()).isTrue();
        assertThat(DEFAULTS.downgradeAfter(A)).contains(Target.of(Duration.ofHours(4)));
        assertThat(DEFAULTS.downgradeAfter(B)).contains(Target.businessDays(3));
        assertThat(DEFAULTS.downgradeAfter(C)).isEmpty();
    }

    @Test
    void a_deployment_can_load_its_own_policy() {
        SlaPolicies custom = load("""
                {
                  "calendars": {
                    "tokyo": { "zone": "Asia/Tokyo", "businessDay": "PT8H",
                               "open": [ { "days": ["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY"], "from": "09:00", "to": "18:00" } ],
                               "holidays": "JP" }
                  },
                  "holidaySets": { "JP": { "holidays": [ "2026-01-01", { "from": "2026-05-03", "to": "2026-05-06" } ] } },
                  "rules": [
                    { "category": "TECHNICAL",    "severity": "C", "target": { "duration": "PT30H" }, "calendar": "tokyo" },
                    { "category": "BILLING",      "severity": "C", "target": { "businessDays": 2 }, "calendar": "tokyo" },
                    { "category": "SUBSCRIPTION", "severity": "C", "target": { "businessDays": 2 }, "calendar": "tokyo" },
                    { "category": "PRESALES",     "severity": "C", "target": { "businessDays": 2 }, "calendar": "tokyo" }
                  ],
                  "warning": { "timeLeft": "PT30M" }
                }
                """);
        assertThat(custom.isAllowed(B, Category.TECHNICAL)).isFalse();
        assertThat(custom.rule(C, Category.BILLING).workingTime()).isEqualTo(Duration.ofHours(16));
        assertThat(custom.rule(C, Category.BILLING).calendar().holidays()).hasSize(5);
        assertThat(custom.warning()).isEqualTo(WarningThreshold.timeLeft(Duration.ofMinutes(30)));
        assertThat(custom.followUp()).isEmpty();
    }

    @Test
    void a_typo_in_the_policy_is_reported_with_its_place() {
        assertThatThrownBy(() -> load("""
                { "calendars": { "x": { "zone": "UTC", "open": [ { "days": ["MONDAY"], "form": "09:00", "to": "18:00" } ] } },
                  "rules": [] }
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.calendars.x.open[0]")
                .hasMessageContaining("unknown key 'form'");
    }

    @Test
    void an_unknown_calendar_name_is_reported() {
        assertThatThrownBy(() -> load("""
                { "calendars": { "x": { "zone": "UTC", "open": [ { "days": ["MONDAY"], "from": "09:00", "to": "18:00" } ] } },
                  "rules": [ { "category": "TECHNICAL", "severity": "C", "target": { "businessDays": 1 }, "calendar": "y" } ] }
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.rules[0].calendar")
                .hasMessageContaining("unknown name 'y'");
    }

    @Test
    void a_calendar_that_never_opens_or_a_bad_zone_is_reported() {
        assertThatThrownBy(() -> load("""
                { "calendars": { "x": { "zone": "UTC", "open": [] } }, "rules": [] }
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.calendars.x")
                .hasMessageContaining("open hours");
        assertThatThrownBy(() -> load("""
                { "calendars": { "x": { "zone": "Mars/Olympus", "open": [] } }, "rules": [] }
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.calendars.x.zone");
    }

    @Test
    void every_category_needs_a_rule() {
        assertThatThrownBy(() -> load("""
                { "calendars": { "x": { "zone": "UTC", "open": [ { "days": ["MONDAY"], "from": "09:00", "to": "18:00" } ] } },
                  "rules": [ { "category": "TECHNICAL", "severity": "C", "target": { "businessDays": 1 }, "calendar": "x" } ] }
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BILLING");
    }

    @Test
    void the_defaults_are_read_once_and_equal_a_fresh_load() {
        assertThat(SlaPolicies.defaults()).isSameAs(DEFAULTS);
        assertThat(SlaPolicies.load(SlaPolicies.class.getResourceAsStream("/sla/default-policy.json")))
                .isEqualTo(DEFAULTS);
    }

    @Test
    void the_downgrade_notice_and_the_auto_close_are_policy_with_the_issue_defaults() {
        assertThat(DEFAULTS.downgradeNotice()).isEqualTo(Duration.ofHours(1));
        assertThat(DEFAULTS.autoCloseAfter()).isEqualTo(Duration.ofDays(7));

        String rules = """
                "calendars": { "x": { "zone": "UTC", "open": [ { "days": ["MONDAY"], "from": "09:00", "to": "18:00" } ] } },
                "rules": [ %s ]""".formatted(String.join(
                ",",
                java.util.Arrays.stream(Category.values())
                        .map(c -> "{ \"category\": \"" + c
                                + "\", \"severity\": \"C\", \"target\": { \"businessDays\": 1 }, \"calendar\": \"x\" }")
                        .toList()));
        SlaPolicies custom = load("{" + rules + """
                , "downgradeNotice": { "before": "PT30M" }, "autoClose": { "after": "P3D" } }""");
        assertThat(custom.downgradeNotice()).isEqualTo(Duration.ofMinutes(30));
        assertThat(custom.autoCloseAfter()).isEqualTo(Duration.ofDays(3));
        assertThat(load("{" + rules + "}").downgradeNotice()).isEqualTo(Duration.ofHours(1));

        assertThatThrownBy(() -> load("{" + rules + """
                , "autoClose": { "after": "PT0S" } }"""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.autoClose");
        assertThatThrownBy(() -> load("{" + rules + """
                , "downgradeNotice": { "before": "-PT1H" } }"""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.downgradeNotice");
    }
}
