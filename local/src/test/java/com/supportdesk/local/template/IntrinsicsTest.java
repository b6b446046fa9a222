package com.supportdesk.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntrinsicsTest {
    private static final Map<String, String> REFS = Map.of("Queue", "http://127.0.0.1:9324/000000000000/Queue");
    private static final Map<String, String> ATTRIBUTES = Map.of(
            "Queue.Arn", "arn:aws:sqs:us-east-1:000000000000:Queue",
            "Queue.QueueName", "Queue",
            "Queue.QueueUrl", "http://127.0.0.1:9324/000000000000/Queue");

    private static String resolve(Object value) {
        return Intrinsics.resolve(value, REFS, ATTRIBUTES);
    }

    @Test
    void refAndEveryAttributeOfGetAtt() {
        assertThat(resolve(Map.of("Ref", "Queue"))).isEqualTo("http://127.0.0.1:9324/000000000000/Queue");
        assertThat(resolve(Map.of("Fn::GetAtt", List.of("Queue", "Arn"))))
                .isEqualTo("arn:aws:sqs:us-east-1:000000000000:Queue");
        assertThat(resolve(Map.of("Fn::GetAtt", List.of("Queue", "QueueName")))).isEqualTo("Queue");
        assertThat(resolve(Map.of("Fn::GetAtt", "Queue.QueueUrl"))).isEqualTo(REFS.get("Queue"));
        assertThat(resolve(Map.of("Fn::Sub", "${Queue.Arn}/x ${Queue}")))
                .isEqualTo(ATTRIBUTES.get("Queue.Arn") + "/x " + REFS.get("Queue"));
        assertThat(resolve("plain")).isEqualTo("plain");
    }

    @Test
    void whatHasNoLocalValueIsNamed() {
        assertThatThrownBy(() -> resolve(Map.of("Fn::GetAtt", List.of("Queue", "Nope"))))
                .hasMessageContaining("Queue.Nope");
        assertThatThrownBy(() -> resolve(Map.of("Ref", "Other"))).hasMessageContaining("Other");
    }
}
