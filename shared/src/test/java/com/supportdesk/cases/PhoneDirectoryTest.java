package com.supportdesk.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.api.Validate;
import com.supportdesk.model.Language;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The phone directory is data: complete for every country an organisation can be in, and for the fallback. */
class PhoneDirectoryTest {
    private static final PhoneDirectory DIRECTORY = PhoneDirectory.standard();

    @Test
    void everyCountryAnOrganisationCanHaveGetsACompleteLineInEveryLanguage() {
        for (Language language : Language.values()) {
            for (String country : Locale.getISOCountries()) {
                assertThat(Validate.country("country", country)).isEqualTo(country);
                complete(SupportDirectory.phoneFor(country, language));
                complete(SupportDirectory.phoneFor(country.toLowerCase(Locale.ROOT), language));
            }
            complete(SupportDirectory.phoneFor(null, language));
        }
    }

    @Test
    void everyListedLineIsCompleteAndForARealCountry() {
        assertThat(DIRECTORY.lines()).containsKeys("US", "CA", "AU", "GB", "CN");
        DIRECTORY.lines().forEach((country, line) -> {
            assertThat(Validate.country("country", country)).isEqualTo(country);
            assertThat(line.country()).isEqualTo(country);
            for (Language language : Language.values()) {
                complete(SupportDirectory.phoneFor(country, language));
            }
        });
    }

    @Test
    void countriesWithoutALineOfTheirOwnCallTheRegionalOperator() {
        SupportDirectory.Phone fallback = SupportDirectory.phoneFor("CN", Language.EN);
        assertThat(DIRECTORY.fallback().country()).isEqualTo("CN");
        assertThat(fallback.number()).isEqualTo("(86) 400-089-0365");
        assertThat(fallback.languages()).contains("zh-CN");
        assertThat(fallback.hours().zone()).isEqualTo("Asia/Shanghai");
        assertThat(SupportDirectory.phoneFor("JP", Language.EN)).isEqualTo(fallback);
        assertThat(SupportDirectory.phoneFor("DE", Language.EN)).isEqualTo(fallback);
        assertThat(SupportDirectory.phoneFor("CA", Language.EN).languages()).contains("en", "fr");
    }

    @Test
    void aLineSpeaksTheReadersLanguage() {
        assertThat(SupportDirectory.phoneFor("GB", Language.EN).label()).isEqualTo("United Kingdom");
        assertThat(SupportDirectory.phoneFor("GB", Language.JA).label()).isEqualTo("英国");
        assertThat(SupportDirectory.phoneFor("JP", Language.JA).label()).isEqualTo("地域オペレーターのサポート窓口");
        assertThat(SupportDirectory.phoneFor("CN", Language.ZH_CN).hours().text())
                .contains("法定节假日休息");
        assertThat(SupportDirectory.phoneFor("CN", Language.ZH_CN).number())
                .isEqualTo(SupportDirectory.phoneFor("CN", Language.EN).number());
    }

    /** Printed number and tel: URI are the same number; hours name a real zone; languages are BCP 47 tags. */
    private static void complete(SupportDirectory.Phone line) {
        assertThat(line.number()).as(line.country()).isNotBlank();
        assertThat(line.label()).as(line.country()).isNotBlank();
        assertThat(line.tel()).as(line.country()).matches("tel:\\+[1-9][0-9]{6,14}");
        String printed = line.number().replaceAll("[^0-9]", "").replaceFirst("^0+", "");
        assertThat(line.tel().replaceAll("[^0-9]", "")).as(line.country()).endsWith(printed);
        assertThat(line.hours()).as(line.country()).isNotNull();
        assertThat(line.hours().text()).as(line.country()).isNotBlank();
        assertThat(ZoneId.of(line.hours().zone())).isNotNull();
        assertThat(line.languages()).as(line.country()).isNotEmpty().allSatisfy(tag -> assertThat(
                        Locale.forLanguageTag(tag).toLanguageTag())
                .isEqualTo(tag));
    }
}
