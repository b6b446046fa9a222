package com.supportdesk.notifications.delivery;

import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Email through SES v2 {@code SendEmail}, from the one sender address the function may use: plain text,
 * or HTML with a plain-text alternative. The subject is always made one line ({@link HeaderText}).
 */
public final class EmailSender {
    private final SesV2Client ses;
    private final String from;

    public EmailSender(SesV2Client ses, String from) {
        this.ses = ses;
        this.from = from;
    }

    /** @return the SES message id */
    public String send(String to, Message message) {
        return send(
                to, message.subject(), Body.builder().text(utf8(message.text())).build());
    }

    /**
     * @param html a complete HTML document whose every interpolated value is already escaped
     * @return the SES message id
     */
    public String send(String to, String subject, String text, String html) {
        return send(
                to, subject, Body.builder().text(utf8(text)).html(utf8(html)).build());
    }

    private String send(String to, String subject, Body body) {
        return ses.sendEmail(SendEmailRequest.builder()
                        .fromEmailAddress(from)
                        .destination(Destination.builder().toAddresses(to).build())
                        .content(EmailContent.builder()
                                .simple(software.amazon.awssdk.services.sesv2.model.Message.builder()
                                        .subject(utf8(HeaderText.singleLine(subject)))
                                        .body(body)
                                        .build())
                                .build())
                        .build())
                .messageId();
    }

    private static Content utf8(String data) {
        return Content.builder().charset("UTF-8").data(data).build();
    }
}
