package com.supportdesk.cases;

import com.supportdesk.api.Validate;
import com.supportdesk.model.Language;

/** Who support talks to about a case. {@code phone} is required for severity A and for {@code PHONE}. */
public record CaseContact(String name, String email, String phone, ContactMethod preferredMethod, Language language) {

    CaseContact validated(Language fallbackLanguage) {
        String cleanPhone = phone == null || phone.isBlank() ? null : Validate.phone("contact.phone", phone);
        ContactMethod method = preferredMethod == null ? ContactMethod.EMAIL : preferredMethod;
        if (method == ContactMethod.PHONE && cleanPhone == null) {
            throw Validate.invalid("contact.phone", "phoneForPhoneContact");
        }
        return new CaseContact(
                Validate.line("contact.name", name, 200),
                Validate.email("contact.email", email),
                cleanPhone,
                method,
                language == null ? fallbackLanguage : language);
    }

    public boolean hasPhone() {
        return phone != null;
    }
}
