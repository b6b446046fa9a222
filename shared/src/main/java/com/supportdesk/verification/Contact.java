package com.supportdesk.verification;

import com.supportdesk.model.Channel;
import com.supportdesk.organizations.RegisteredContacts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * One registered contact of a tenant, with the stable id an agent uses to choose it. The id is derived
 * from the tenant and the address, so it survives reordering of the profile and names nothing readable.
 */
public record Contact(String contactId, Channel channel, String address) {

    /** Every email address, then every phone, of the profile. */
    public static List<Contact> of(String tenantId, RegisteredContacts contacts) {
        List<Contact> all = new ArrayList<>();
        for (String email : contacts.emails()) {
            all.add(new Contact(id(tenantId, Channel.EMAIL, email.toLowerCase(Locale.ROOT)), Channel.EMAIL, email));
        }
        for (String phone : contacts.phones()) {
            all.add(new Contact(id(tenantId, Channel.SMS, phone), Channel.SMS, phone));
        }
        return all;
    }

    /** What the agent is shown: {@code j***@contoso.com} or {@code +86 *** **** 0365}. */
    public String masked() {
        return channel == Channel.EMAIL ? Masks.email(address) : Masks.phone(address);
    }

    public ContactOption option() {
        return new ContactOption(contactId, channel, masked());
    }

    static String id(String tenantId, Channel channel, String address) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((tenantId + "\n" + channel + "\n" + address).getBytes(StandardCharsets.UTF_8));
            return (channel == Channel.EMAIL ? "email-" : "phone-")
                    + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        // the address stays out of any accidental log line
        return "Contact[" + contactId + "]";
    }
}
