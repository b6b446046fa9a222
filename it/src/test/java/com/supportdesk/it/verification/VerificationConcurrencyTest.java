package com.supportdesk.it.verification;

import static com.supportdesk.it.verification.VerificationFixture.wrong;
import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.local.LocalAws;
import com.supportdesk.verification.ContactRecordRepository;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Parallel confirmations: attempts are counted before they are evaluated and a code is consumed once. */
@ExtendWith(LocalAwsExtension.class)
class VerificationConcurrencyTest {

    @Test
    void fiftyParallelWrongGuessesAreEvaluatedAtMostThreeTimes(LocalAws aws) throws Exception {
        VerificationFixture f = new VerificationFixture(aws);
        String id = f.startCode();
        String code = f.lastCodeMailedTo(f.email);
        List<HttpResult> results;
        String log;
        try (OutputCapture capture = new OutputCapture()) {
            results = f.confirmAll(id, wrong(code), 50);
            log = capture.text();
        }
        assertThat(results).extracting(HttpResult::status).containsOnly(422);
        assertThat(results)
                .extracting(HttpResult::body)
                .containsOnly(results.get(0).body());

        long evaluated = Pattern.compile("\"event\":\"verification_attempt\"[^\\n]*\"" + id + "\"|\"" + id
                        + "\"[^\\n]*\"event\":\"verification_attempt\"")
                .matcher(log)
                .results()
                .count();
        assertThat(evaluated).as("guesses evaluated").isEqualTo(3);
        Map<String, AttributeValue> item = f.dynamo()
                .getItem(b -> b.tableName(f.table("VerificationsTable"))
                        .key(Map.of("verificationId", AttributeValue.fromS(id))))
                .item();
        assertThat(item.get("attempts").n()).isEqualTo("3");
        assertThat(item.get("state").s()).isEqualTo("BURNED");
        Map<String, AttributeValue> contact = f.dynamo()
                .getItem(b -> b.tableName(f.table("VerificationContactsTable"))
                        .key(Map.of(
                                "contactKey",
                                AttributeValue.fromS(ContactRecordRepository.key(
                                        f.tenant, item.get("contactId").s())))))
                .item();
        assertThat(contact.get("failures").l()).as("failures counted").hasSize(3);

        assertThat(f.confirm(id, code).status()).as("burned").isEqualTo(422);
    }

    @Test
    void parallelConfirmationsWithTheRightCodeSucceedExactlyOnce(LocalAws aws) throws Exception {
        VerificationFixture f = new VerificationFixture(aws);
        String id = f.startCode();
        String code = f.lastCodeMailedTo(f.email);
        List<HttpResult> results = f.confirmAll(id, code, 20);
        assertThat(results).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(results).filteredOn(r -> r.status() == 422).hasSize(19);
        long grants = f.grantsIssuedFor(id);
        assertThat(grants).as("grants issued").isEqualTo(1);
    }
}
