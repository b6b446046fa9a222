package com.supportdesk.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

class SqsEventsTest {
    private static final Set<String> BATCH = Set.of("m1", "m2", "m3");

    private static SqsEvents.BatchResult answer(String json) {
        return SqsEvents.reportedFailures(json == null ? null : json.getBytes(StandardCharsets.UTF_8), BATCH);
    }

    @Test
    void noFailuresInAnyOfTheFormsLambdaAcceptsIsACompleteSuccess() {
        for (String success :
                new String[] {null, "", "null", "{}", "{\"batchItemFailures\":null}", "{\"batchItemFailures\":[]}"}) {
            assertThat(answer(success).failed()).as(success).isEmpty();
            assertThat(answer(success).reason()).as(success).isNull();
        }
    }

    @Test
    void listedIdsFailAndOnlyThose() {
        SqsEvents.BatchResult result =
                answer("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"},{\"itemIdentifier\":\"m3\"}]}");
        assertThat(result.failed()).containsExactlyInAnyOrder("m2", "m3");
        assertThat(result.reason()).contains("2 of 3");
    }

    @Test
    void anythingMalformedFailsTheWholeBatch() {
        for (String malformed : new String[] {
            "{not json",
            "\"ok\"",
            "[]",
            "{\"batchItemFailures\":{}}",
            "{\"batchItemFailures\":[{}]}",
            "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}",
            "{\"batchItemFailures\":[{\"itemIdentifier\":null}]}",
            "{\"batchItemFailures\":[{\"id\":\"m1\"}]}",
            "{\"batchItemFailures\":[{\"itemIdentifier\":\"m1\"},{\"itemIdentifier\":\"elsewhere\"}]}"
        }) {
            SqsEvents.BatchResult result = answer(malformed);
            assertThat(result.failed()).as(malformed).isEqualTo(BATCH);
            assertThat(result.reason()).as(malformed).isNotBlank();
        }
    }

    @Test
    void theEventDeserialisesWithTheRuntimesOwnSerialiser() {
        Message message = Message.builder()
                .messageId("m1")
                .receiptHandle("rh")
                .body("{\"hello\":1}")
                .md5OfBody("md5")
                .attributesWithStrings(Map.of(
                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT.toString(), "2",
                        MessageSystemAttributeName.SENT_TIMESTAMP.toString(), "1795741200000"))
                .messageAttributes(Map.of(
                        "type",
                                MessageAttributeValue.builder()
                                        .dataType("String")
                                        .stringValue("SLA_BREACH")
                                        .build(),
                        "blob",
                                MessageAttributeValue.builder()
                                        .dataType("Binary")
                                        .binaryValue(SdkBytes.fromUtf8String("bytes"))
                                        .build()))
                .build();
        byte[] json = SqsEvents.event(List.of(message), "arn:aws:sqs:us-east-1:000000000000:Q", "us-east-1");

        SQSEvent event = LambdaEventSerializers.serializerFor(
                        SQSEvent.class, getClass().getClassLoader())
                .fromJson(new ByteArrayInputStream(json));
        SQSEvent.SQSMessage record = event.getRecords().get(0);
        assertThat(record.getMessageId()).isEqualTo("m1");
        assertThat(record.getReceiptHandle()).isEqualTo("rh");
        assertThat(record.getBody()).isEqualTo("{\"hello\":1}");
        assertThat(record.getAttributes()).containsEntry("ApproximateReceiveCount", "2");
        assertThat(record.getMessageAttributes().get("type").getStringValue()).isEqualTo("SLA_BREACH");
        assertThat(StandardCharsets.UTF_8
                        .decode(record.getMessageAttributes().get("blob").getBinaryValue())
                        .toString())
                .isEqualTo("bytes");
        assertThat(record.getEventSourceArn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:Q");
        assertThat(record.getAwsRegion()).isEqualTo("us-east-1");
    }
}
