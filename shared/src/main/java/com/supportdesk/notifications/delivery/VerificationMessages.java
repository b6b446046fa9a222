package com.supportdesk.notifications.delivery;

import com.supportdesk.model.Language;
import com.supportdesk.model.VerificationMethod;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The texts of PIN verification in {@code en}, {@code ja} and {@code zh-CN}: the code itself (its
 * purpose, its expiry, and never to share it with anyone who called), and the notices every registered
 * contact gets when a caller is verified or a contact is suspended. Notices never carry a code.
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

    /** To every registered contact: a caller was verified; the agent may act for the organisation until {@code grantExpiresAt}. */
    public Message verified(
            Language language,
            String organization,
            VerificationMethod method,
            String maskedDestination,
            Instant verifiedAt,
            Instant grantExpiresAt) {
        String when = at(verifiedAt);
        String until = at(grantExpiresAt);
        return switch (language) {
            case EN -> {
                String how = method == VerificationMethod.REGISTERED_NUMBER
                        ? "who called from a phone number registered on your profile"
                        : "who read back a code sent to " + maskedDestination;
                yield new Message(
                        "Support Desk: a phone caller was verified as an administrator of " + organization,
                        "At " + when + " a Support Desk agent verified a phone caller " + how
                                + " as an administrator of " + endSentence(organization, ".") + "\n"
                                + "The agent may act for your organisation, for example open a support case, until "
                                + until + ".\n\n"
                                + "If no one in your organisation called Support Desk, tell your administrator and Support Desk at once.\n",
                        "Support Desk: a caller was verified as an admin of " + organization + " at " + when
                                + ". If no one of you called us, tell your administrator at once.");
            }
            case JA -> {
                String how = method == VerificationMethod.REGISTERED_NUMBER
                        ? "プロファイルに登録された電話番号からの通話"
                        : maskedDestination + " に送信したコードの読み上げ";
                yield new Message(
                        "サポート デスク: " + organization + " の管理者として通話者が確認されました",
                        when + " に、サポート デスクの担当者が" + how + "により、通話者を " + organization + " の管理者として確認しました。\n"
                                + "担当者は " + until + " まで、サポート ケースの作成など貴社に代わる操作ができます。\n\n"
                                + "貴社のどなたもサポート デスクに電話していない場合は、すぐに管理者とサポート デスクにお知らせください。\n",
                        "サポート デスク: " + when + " に通話者が " + organization + " の管理者として確認されました。心当たりがない場合はすぐに管理者にお知らせください。");
            }
            case ZH_CN -> {
                String how = method == VerificationMethod.REGISTERED_NUMBER
                        ? "通过您资料中登记的电话号码来电"
                        : "通过读出发送至 " + maskedDestination + " 的验证码";
                yield new Message(
                        "支持服务台：来电者已被确认为 " + organization + " 的管理员",
                        when + "，支持工程师确认了一位来电者（" + how + "）为 " + organization + " 的管理员。\n"
                                + "在 " + until + " 之前，该工程师可代表贵组织进行操作，例如创建支持案例。\n\n"
                                + "如果贵组织无人致电支持服务台，请立即告知您的管理员和支持服务台。\n",
                        "支持服务台：" + when + " 有来电者被确认为 " + organization + " 的管理员。如非贵组织人员来电，请立即告知管理员。");
            }
        };
    }

    /** To every registered contact: codes to {@code maskedContact} are suspended until {@code until}. */
    public Message suspended(Language language, String organization, String maskedContact, Instant until) {
        String end = at(until);
        return switch (language) {
            case EN ->
                new Message(
                        "Support Desk: verification codes suspended for a contact of " + organization,
                        "After repeated wrong verification codes, Support Desk stopped sending codes to "
                                + maskedContact
                                + " of " + organization + " until " + end + ".\n"
                                + "Administrators can still be verified by calling from a phone number registered on your profile.\n\n"
                                + "If you did not try to verify with Support Desk, someone may be impersonating your organisation: tell your administrator.\n",
                        "Support Desk: codes to " + maskedContact + " of " + organization + " are suspended until "
                                + end + " after repeated wrong codes. If this was not you, tell your administrator.");
            case JA ->
                new Message(
                        "サポート デスク: " + organization + " の連絡先への確認コード送信を停止しました",
                        "誤った確認コードが繰り返し入力されたため、サポート デスクは " + end + " まで " + organization
                                + " の " + maskedContact + " への確認コード送信を停止しました。\n"
                                + "プロファイルに登録された電話番号からお電話いただければ、引き続き管理者として確認できます。\n\n"
                                + "心当たりがない場合、第三者が貴社になりすましている可能性があります。管理者にお知らせください。\n",
                        "サポート デスク: 誤ったコードが続いたため " + maskedContact + " へのコード送信を " + end
                                + " まで停止しました。心当たりがない場合は管理者にお知らせください。");
            case ZH_CN ->
                new Message(
                        "支持服务台：已暂停向 " + organization + " 的联系人发送验证码",
                        "由于多次输入错误的验证码，支持服务台已暂停向 " + organization + " 的 " + maskedContact
                                + " 发送验证码，直至 " + end + "。\n"
                                + "管理员仍可通过资料中登记的电话号码来电完成身份确认。\n\n"
                                + "如果您没有尝试通过支持服务台验证身份，可能有人冒充贵组织，请告知您的管理员。\n",
                        "支持服务台：因多次验证码错误，已暂停向 " + maskedContact + " 发送验证码至 " + end + "。如非本人操作，请告知管理员。");
        };
    }

    /**
     * {@code words} closed with {@code stop}, unless they already end in a sentence stop of any of the
     * languages ("Contoso Ltd." does not become "Contoso Ltd..").
     */
    static String endSentence(String words, String stop) {
        return words.isEmpty() || SENTENCE_STOPS.indexOf(words.charAt(words.length() - 1)) >= 0 ? words : words + stop;
    }

    private String at(Instant instant) {
        ZoneId zone = zone();
        return TIME.format(instant.atZone(zone)) + " (" + zone.getId() + ")";
    }
}
