package com.supportdesk.notifications.delivery;

import com.supportdesk.model.Language;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The text of a PIN code in {@code en}, {@code ja} and {@code zh-CN}: the code itself, its purpose, its
 * expiry, and never to share it with anyone who called. It goes straight to the contact, never through a
 * topic or a queue. (The notices every registered contact gets when a caller is verified or a contact is
 * suspended are notification templates, rendered by the dispatcher.)
 */
public final class VerificationMessages {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** Full stops, exclamation and question marks, ASCII and full-width. */
    private static final String SENTENCE_STOPS = ".!?。．！？";

    private final String zoneName;

    /** @param zoneName the zone times are shown in (read when a message is built, validated then) */
    public VerificationMessages(String zoneName) {
        this.zoneName = zoneName;
    }

    public ZoneId zone() {
        return ZoneId.of(zoneName);
    }

    /**
     * @param groupedCode the code as read out, two groups ({@code 1234 5678})
     */
    public Message code(
            Language language, String organization, String groupedCode, Duration lifetime, Instant expiresAt) {
        String at = at(expiresAt);
        long minutes = Math.max(1, lifetime.toMinutes());
        return switch (language) {
            case EN ->
                new Message(
                        "Support Desk verification code for " + organization,
                        "Your Support Desk verification code is: " + groupedCode + "\n\n"
                                + "Purpose: a Support Desk agent is confirming that the person on a phone call with Support Desk is an administrator of "
                                + endSentence(organization, ".") + "\n"
                                + "The code expires in " + minutes + " minutes, at " + at
                                + ". It can be used only once.\n\n"
                                + "Read this code only to the Support Desk agent on a call that you placed yourself.\n"
                                + "Never share it with anyone who called you. Support Desk never calls to ask for a code.\n"
                                + "If you are not on a call with Support Desk now, do not use the code and tell your administrator.\n",
                        "Support Desk code " + groupedCode + " verifies an admin of " + organization
                                + " on your call to us. " + "Expires in " + minutes + " min (" + at
                                + "). Never share it with anyone who called you.");
            case JA ->
                new Message(
                        "サポート デスク 本人確認コード（" + organization + "）",
                        "サポート デスクの本人確認コード: " + groupedCode + "\n\n"
                                + "目的: サポート デスクとの通話で、通話中の方が " + organization + " の管理者であることを担当者が確認するためのコードです。\n"
                                + "有効期限は " + minutes + " 分間（" + at + " まで）で、1 回だけ使用できます。\n\n"
                                + "このコードは、ご自身からサポート デスクにかけた電話の担当者にのみ読み上げてください。\n"
                                + "かかってきた電話の相手には、誰であっても絶対にこのコードを教えないでください。サポート デスクからコードを尋ねる電話をすることはありません。\n"
                                + "現在サポート デスクと通話中でない場合は、このコードを使わず、管理者にお知らせください。\n",
                        "サポート デスク本人確認コード " + groupedCode + "（" + organization + " 管理者の確認用）。" + minutes + " 分で失効（" + at
                                + "）。かかってきた電話の相手には絶対に教えないでください。");
            case ZH_CN ->
                new Message(
                        "支持服务台身份验证码（" + organization + "）",
                        "您的支持服务台验证码：" + groupedCode + "\n\n"
                                + "用途：支持工程师正在确认与支持服务台通话的人是 " + organization + " 的管理员。\n"
                                + "此验证码 " + minutes + " 分钟内有效（至 " + at + "），且只能使用一次。\n\n"
                                + "请仅在您本人主动拨打支持服务台的电话中，将此验证码告知支持工程师。\n"
                                + "切勿将验证码告诉任何给您打来电话的人。支持服务台绝不会致电向您索要验证码。\n"
                                + "如果您当前没有与支持服务台通话，请不要使用此验证码，并告知您的管理员。\n",
                        "支持服务台验证码 " + groupedCode + "，用于确认 " + organization + " 管理员身份。" + minutes + " 分钟内有效（至 " + at
                                + "）。切勿告诉任何给您打来电话的人。");
        };
    }

    /** {@code words} closed by {@code stop}, unless they already end a sentence ("Contoso Ltd." stays as it is). */
    public static String endSentence(String words, String stop) {
        return words.isEmpty() || SENTENCE_STOPS.indexOf(words.charAt(words.length() - 1)) >= 0 ? words : words + stop;
    }

    private String at(Instant instant) {
        ZoneId zone = zone();
        return TIME.format(instant.atZone(zone)) + " (" + zone.getId() + ")";
    }
}
