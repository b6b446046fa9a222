package com.supportdesk.it.verification;

import static com.supportdesk.it.verification.VerificationFixture.wrong;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.local.LocalAws;
import com.supportdesk.model.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A full verification, everything it writes watched: log lines (System.out and System.err), responses,
 * every email and SMS sent, every notification request published, every item in the verification and
 * delivery tables. The code appears in exactly one place: the one message to the registered contact.
 */
@ExtendWith(LocalAwsExtension.class)
class CodeLeakTest {

    @Test
    void theCodeAppearsOnlyInTheOneMessageToTheRegisteredContact(LocalAws aws) {
        try (FakeAwsHttp sns = new FakeAwsHttp()) {
            VerificationFixture f =
                    new VerificationFixture(aws, Language.JA, Map.of("AWS_ENDPOINT_URL_SNS", sns.url()));
            List<HttpResult> responses = new ArrayList<>();
            String log;
            String emailCode;
            String smsCode;
            try (OutputCapture capture = new OutputCapture()) {
                // by email: start, one wrong code, the right one
                HttpResult byMail = f.start();
                responses.add(byMail);
                String mailId = byMail.json().path("verificationId").asText();
                emailCode = f.lastCodeMailedTo(f.email);
                responses.add(f.confirm(mailId, wrong(emailCode)));
                responses.add(f.confirm(mailId, emailCode));
                f.deliverNotices(); // the notices go through the topic, the queue and the dispatcher
                // by SMS to the registered phone
                HttpResult bySms = f.start(Map.of("channel", "SMS"));
                responses.add(bySms);
                List<Map<String, String>> toPhone = sns.publishedTo(f.phone);
                smsCode = VerificationFixture.codeIn(
                        toPhone.get(toPhone.size() - 1).get("Message"));
                responses.add(f.confirm(bySms.json().path("verificationId").asText(), smsCode));
                f.deliverNotices();
                log = capture.text();
            }
            assertThat(responses).extracting(HttpResult::status).containsExactly(201, 422, 200, 201, 200);
            assertThat(f.mailsTo(f.email2)).as("both notices were delivered").hasSize(2);
            assertThat(log).as("the log was captured").contains("verification_code_sent");

            for (String code : List.of(emailCode, smsCode)) {
                List<String> forms = List.of(code, code.replace(" ", ""));
                List<String> mails = new ArrayList<>();
                for (String address : List.of(f.email, f.email2)) {
                    for (JsonNode mail : f.mailsTo(address)) {
                        mails.add(mail.toString());
                    }
                }
                List<String> sms = sns.published().stream().map(Map::toString).toList();
                long carriers = mails.stream()
                                .filter(m -> containsAny(m, forms))
                                .count()
                        + sms.stream().filter(m -> containsAny(m, forms)).count();
                assertThat(carriers).as("messages carrying " + code).isEqualTo(1);
                for (String form : forms) {
                    assertThat(log).doesNotContain(form);
                    responses.forEach(r -> assertThat(r.body()).doesNotContain(form));
                    for (String table : List.of(
                            "VerificationsTable",
                            "VerificationContactsTable",
                            "AccessGrantsTable",
                            "DeliveriesTable")) {
                        assertThat(dump(f.dynamo(), f.table(table))).as(table).doesNotContain(form);
                    }
                }
            }
            // the one carrier of each code is the code message to the registered contact
            assertThat(f.mailsTo(f.email).get(0).toString()).contains(emailCode);
            assertThat(sns.publishedTo(f.phone).get(1).get("Message")).contains(smsCode);
        }
    }

    private static boolean containsAny(String text, List<String> forms) {
        return forms.stream().anyMatch(text::contains);
    }

    private static String dump(DynamoDbClient dynamo, String table) {
        return dynamo.scan(b -> b.tableName(table)).items().toString();
    }
}
