package com.supportdesk.functions.supportsuggestions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryTextTest {

    @Test
    void personalDataIsTakenOutAndCounted() {
        QueryText text = QueryText.of("mail from sato@fabrikam.example to +81 3 5555 0123 bounces");
        assertThat(text.text()).doesNotContain("sato", "fabrikam", "5555", "0123", "+81");
        assertThat(text.text()).contains("mail from", "bounces");
        assertThat(text.masked()).isEqualTo(Map.of("email", 1, "phone", 1));
    }

    @Test
    void fullWidthFormsAreFoldedBeforeMasking() {
        QueryText text = QueryText.of("ｓａｔｏ＠ｆａｂｒｉｋａｍ．ｅｘａｍｐｌｅ　電話０９０‐１２３４‐５６７８");
        assertThat(text.text()).doesNotContain("sato", "1234", "5678");
        assertThat(text.text()).contains("電話");
        assertThat(text.masked()).containsEntry("email", 1);
    }

    @Test
    void shortNumbersThatPeopleSearchForStay() {
        QueryText text = QueryText.of("NDR 550 5.7.1 in Microsoft 365 after 2 days");
        assertThat(text.text()).isEqualTo("NDR 550 5.7.1 in Microsoft 365 after 2 days");
        assertThat(text.masked()).isEmpty();
    }

    @Test
    void longDigitRunsAddressesAndLinksGo() {
        QueryText text = QueryText.of("code 48210937 from 192.168.10.25 see www.contoso.example/x AADSTS50126");
        assertThat(text.text()).doesNotContain("48210937", "192", "168", "contoso", "50126");
        assertThat(text.masked()).isEqualTo(Map.of("number", 2, "ip", 1, "url", 1));
    }
}
