package com.supportdesk.it.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.local.LocalAws;
import com.supportdesk.model.Language;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SMS through the real SNS client against WireMock: Publish to the registered phone, Transactional. */
@ExtendWith(LocalAwsExtension.class)
class VerificationSmsTest {
    private static FakeAwsHttp sns;

    @BeforeAll
    static void startSns() {
        sns = new FakeAwsHttp();
    }

    @AfterAll
    static void stopSns() {
        sns.close();
    }

    @Test
    void onRequestTheCodeGoesBySmsToTheRegisteredPhoneAsATransactionalMessage(LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws, Language.ZH_CN, Map.of("AWS_ENDPOINT_URL_SNS", sns.url()));
        HttpResult started = f.start(Map.of("channel", "SMS"));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        assertThat(started.json().path("channel").asText()).isEqualTo("SMS");
        assertThat(started.json().path("destination").asText())
                .isEqualTo("+86 *** **** " + f.phone.substring(f.phone.length() - 4));

        List<Map<String, String>> sent = sns.publishedTo(f.phone);
        assertThat(sent).hasSize(1);
        Map<String, String> publish = sent.get(0);
        assertThat(publish)
                .containsEntry("Action", "Publish")
                .containsEntry("MessageAttributes.entry.1.Name", "AWS.SNS.SMS.SMSType")
                .containsEntry("MessageAttributes.entry.1.Value.DataType", "String")
                .containsEntry("MessageAttributes.entry.1.Value.StringValue", "Transactional")
                .doesNotContainKey("TopicArn")
                .doesNotContainKey("TargetArn");
        String text = publish.get("Message");
        assertThat(text).contains("支持服务台验证码").contains("10 分钟内有效").contains("切勿告诉任何给您打来电话的人");
        assertThat(sns.publishedTo(VerificationFixture.UNREGISTERED_PHONE)).isEmpty();
        assertThat(f.mailsTo(f.email)).as("no mail for an SMS code").isEmpty();

        String code = VerificationFixture.codeIn(text);
        HttpResult confirmed = f.confirm(started.json().path("verificationId").asText(), code);
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);

        // every registered contact is told: the phone by SMS (without any code), the addresses by mail
        f.deliverNotices();
        List<Map<String, String>> afterwards = sns.publishedTo(f.phone);
        assertThat(afterwards).hasSize(2);
        assertThat(afterwards.get(1).get("Message"))
                .contains("管理员")
                .doesNotContain(code)
                .doesNotContain(code.replace(" ", ""));
        assertThat(f.mailsTo(f.email)).hasSize(1);
        assertThat(f.mailsTo(f.email2)).hasSize(1);
    }

    @Test
    void aFailedSmsDeliveryIsA502AndLeavesNoLiveCode(LocalAws aws) {
        VerificationFixture f =
                new VerificationFixture(aws, Language.EN, Map.of("AWS_ENDPOINT_URL_SNS", "http://127.0.0.1:9"));
        HttpResult started = f.start(Map.of("channel", "SMS"));
        assertThat(started.status()).isEqualTo(502);
        assertThat(started.errorCode()).isEqualTo("DELIVERY_FAILED");
    }
}
