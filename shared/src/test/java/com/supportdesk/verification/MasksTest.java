package com.supportdesk.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.organizations.RegisteredContacts;
import java.util.List;
import org.junit.jupiter.api.Test;

class MasksTest {

    @Test
    void emailsShowTheFirstLetterAndTheDomain() {
        assertThat(Masks.email("jane@contoso.com")).isEqualTo("j***@contoso.com");
        assertThat(Masks.email("j@contoso.com")).isEqualTo("j***@contoso.com");
    }

    @Test
    void phonesShowTheCountryCodeAndTheLastFourDigits() {
        assertThat(Masks.phone("+8613800130365")).isEqualTo("+86 *** **** 0365");
        assertThat(Masks.phone("+14155550123")).isEqualTo("+1 ** **** 0123");
        assertThat(Masks.phone("+442079460958")).isEqualTo("+44 ** **** 0958");
        assertThat(Masks.phone("+85221234567")).isEqualTo("+852 **** 4567");
        assertThat(Masks.phone("+81312345678")).isEqualTo("+81 ***** 5678".replace("*****", "* ****"));
    }

    @Test
    void contactIdsAreStablePerTenantAndRevealNoAddress() {
        RegisteredContacts contacts = new RegisteredContacts(List.of("jane@contoso.com"), List.of("+8613800130365"));
        List<Contact> first = Contact.of("t-1", contacts);
        assertThat(first)
                .extracting(Contact::contactId)
                .containsExactlyElementsOf(Contact.of("t-1", contacts).stream()
                        .map(Contact::contactId)
                        .toList());
        assertThat(first.get(0).contactId()).startsWith("email-").doesNotContain("jane");
        assertThat(first.get(1).contactId()).startsWith("phone-").doesNotContain("0365");
        assertThat(Contact.of("t-2", contacts).get(0).contactId())
                .isNotEqualTo(first.get(0).contactId());
        assertThat(first.get(0).toString()).doesNotContain("jane");
    }
}
