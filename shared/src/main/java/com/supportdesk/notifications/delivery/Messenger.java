package com.supportdesk.notifications.delivery;

/** Sends one message to one address, by email or SMS. */
public final class Messenger {
    private final EmailSender email;
    private final SmsSender sms;

    public Messenger(EmailSender email, SmsSender sms) {
        this.email = email;
        this.sms = sms;
    }

    public String email(String to, Message message) {
        return email.send(to, message);
    }

    public String sms(String to, Message message) {
        return sms.send(to, message.sms());
    }
}
