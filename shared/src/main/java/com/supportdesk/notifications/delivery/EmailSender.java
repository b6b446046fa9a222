package com.supportdesk.notifications.delivery;

import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/** Plain-text email through SES v2 {@code SendEmail}, from the one sender address the function may use. */
public final class EmailSender {
    private final SesV2Client ses;
    private final String from;

    public EmailSender(SesV2Client ses, String from) {
        this.ses = ses;
        this.from = from;
    }

    /** @return the SES message id */
    public String send(String to, Message message) {
        return ses.sendEmail(SendEmailRequest.builder()
                        .fromEmailAddress(from)
                        .destination(Destination.builder().toAddresses(to).build())
                        .content(EmailContent.builder()
                                .simple(software.amazon.awssdk.services.sesv2.model.Message.builder()
                                        .subject(utf8(message.subject()))
                                        .body(Body.builder()
                                                .text(utf8(message.text()))
                                                .build())
                                        .build())
                                .build())
                        .build())
                .messageId();
    }

    private static Content utf8(String data) {
        return Content.builder().charset("UTF-8").data(data).build();
    }
}
