package com.supportdesk.organizations;

import com.supportdesk.api.Validate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The email addresses and phone numbers on an organisation's profile. Only these ever receive a
 * verification code; a caller's own number is compared against {@link #phones()}.
 */
public record RegisteredContacts(List<String> emails, List<String> phones) {
    public static final int MAX_EACH = 10;

    public RegisteredContacts {
        emails = emails == null ? List.of() : List.copyOf(emails);
        phones = phones == null ? List.of() : List.copyOf(phones);
    }

    RegisteredContacts validated() {
        Validate.size("contacts.emails", emails, MAX_EACH);
        Validate.size("contacts.phones", phones, MAX_EACH);
        List<String> cleanEmails = new ArrayList<>();
        for (int i = 0; i < emails.size(); i++) {
            cleanEmails.add(
                    Validate.email("contacts.emails[" + i + "]", emails.get(i)).toLowerCase(Locale.ROOT));
        }
        List<String> cleanPhones = new ArrayList<>();
        for (int i = 0; i < phones.size(); i++) {
            cleanPhones.add(Validate.phone("contacts.phones[" + i + "]", phones.get(i)));
        }
        if (cleanEmails.isEmpty() && cleanPhones.isEmpty()) {
            throw Validate.invalid("contacts", "contactsNeeded");
        }
        return new RegisteredContacts(
                List.copyOf(new LinkedHashSet<>(cleanEmails)), List.copyOf(new LinkedHashSet<>(cleanPhones)));
    }

    public boolean hasPhone(String e164) {
        return phones.contains(e164);
    }
}
