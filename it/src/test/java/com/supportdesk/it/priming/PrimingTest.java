package com.supportdesk.it.priming;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.supportdesk.cases.SlaPolicySource;
import com.supportdesk.it.support.Handlers;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.it.support.SnsStub;
import com.supportdesk.lambda.HttpApiFunction;
import com.supportdesk.lambda.Priming;
import com.supportdesk.local.LocalAws;
import com.supportdesk.local.template.FunctionDefinition;
import com.supportdesk.local.template.SamTemplate;
import com.supportdesk.runtime.FunctionEnvironment;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SnapStart priming of every function of the template, against the emulators: the HTTP functions, the
 * scheduled SLA sweep and the queue's notification dispatcher. It reads, and that is all. No item of any
 * table changes, and nothing but reads of a topic's attributes and of the SES account reaches SNS, SES,
 * SSM or Secrets Manager, which all point at one recorder here (with an SLA policy parameter and the HMAC
 * secret configured, so that a read of either during priming would show).
 */
@ExtendWith(LocalAwsExtension.class)
class PrimingTest {
    private static WireMockServer recorder;

    @BeforeAll
    static void startRecorder() {
        recorder =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        recorder.start();
        recorder.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
        recorder.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=GetTopicAttributes"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(SnsStub.TOPIC_ATTRIBUTES.formatted("r-1"))));
        recorder.stubFor(get(urlEqualTo("/v2/email/account"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"ProductionAccessEnabled\":false,\"SendingEnabled\":true}")));
    }

    @AfterAll
    static void stopRecorder() {
        recorder.stop();
    }

    static Stream<String> httpFunctions() {
        return SamTemplate.ofProject().functions().stream()
                .filter(f -> !f.httpRoutes().isEmpty())
                .map(FunctionDefinition::logicalId);
    }

    /** The functions that answer no HTTP route: the schedule's and the queue's. */
    static Stream<String> otherFunctions() {
        return SamTemplate.ofProject().functions().stream()
                .filter(f -> f.httpRoutes().isEmpty())
                .map(FunctionDefinition::logicalId);
    }

    private static Map<String, String> everythingElseRecorded() {
        String url = recorder.baseUrl();
        return Map.of(
                "AWS_ENDPOINT_URL_SNS",
                url,
                "AWS_ENDPOINT_URL_SESV2",
                url,
                "AWS_ENDPOINT_URL_SSM",
                url,
                "AWS_ENDPOINT_URL_SECRETSMANAGER",
                url,
                SlaPolicySource.PARAMETER_ENV,
                "/support-desk/sla-policy",
                "PIN_HMAC_SECRET_ARN",
                "arn:aws:secretsmanager:us-east-1:000000000000:secret:pin",
                "PIN_HMAC_KEY",
                "");
    }

    @ParameterizedTest
    @MethodSource("httpFunctions")
    void primingReadsOnlyAndEveryRequestGetsAnAnswer(String logicalId, LocalAws aws) {
        HttpApiFunction function = Handlers.http(aws, logicalId, Clock.systemUTC(), everythingElseRecorded());
        assertThat(function.priming().steps())
                .as("%s registers priming steps", logicalId)
                .isNotEmpty();
        recorder.resetRequests();
        Map<String, List<Map<String, AttributeValue>>> before = everyTable(aws);

        List<Priming.Outcome> outcomes = function.priming().run();

        assertThat(everyTable(aws)).as("tables after priming %s", logicalId).isEqualTo(before);
        assertOnlyReadsRecorded();
        assertThat(outcomes).hasSameSizeAs(function.priming().steps()).allSatisfy(outcome -> {
            assertThat(outcome.failure()).as(outcome.toString()).isNull();
            // the caller was accepted (not 401) and the route answered without a failure of its own
            assertThat(outcome.status()).as(outcome.toString()).isIn(200, 400, 403, 404, 422);
        });
    }

    @ParameterizedTest
    @MethodSource("otherFunctions")
    void theSweepAndTheDispatcherPrimeWithReadsOnly(String logicalId, LocalAws aws) throws Exception {
        FunctionDefinition definition =
                SamTemplate.ofProject().function(logicalId).orElseThrow();
        Map<String, String> env = new java.util.LinkedHashMap<>(aws.environmentOf(definition));
        env.putAll(everythingElseRecorded());
        Object handler = Class.forName(definition.handlerClass())
                .getConstructor(FunctionEnvironment.class)
                .newInstance(FunctionEnvironment.of(env, Clock.systemUTC()));
        Priming priming = (Priming) handler.getClass().getMethod("priming").invoke(handler);
        assertThat(priming.steps()).as("%s registers priming steps", logicalId).isNotEmpty();
        recorder.resetRequests();
        Map<String, List<Map<String, AttributeValue>>> before = everyTable(aws);

        List<Priming.Outcome> outcomes = priming.run();

        assertThat(everyTable(aws)).as("tables after priming %s", logicalId).isEqualTo(before);
        assertOnlyReadsRecorded();
        assertThat(outcomes).hasSameSizeAs(priming.steps()).allSatisfy(outcome -> assertThat(outcome.toString())
                .isEqualTo(outcome.step() + " 200"));
    }

    /** Reads of a topic's attributes and of the SES account are all: no publish, no mail, no parameter, no secret. */
    private static void assertOnlyReadsRecorded() {
        assertThat(recorder.getAllServeEvents())
                .as("calls to SNS, SES, SSM, Secrets Manager")
                .allSatisfy(call -> assertThat(call.getRequest().getMethod().value()
                                + " " + call.getRequest().getUrl() + " "
                                + call.getRequest().getBodyAsString())
                        .matches("POST / Action=GetTopicAttributes&.*|GET /v2/email/account "));
    }

    @Test
    void aFunctionWhosePrimingFailsStillStartsAndAnswers(LocalAws aws) {
        HttpApiFunction function = Handlers.http(
                aws,
                "OrganizationsFunction",
                Clock.systemUTC(),
                Map.of("AWS_ENDPOINT_URL_DYNAMODB", recorder.baseUrl()));

        List<Priming.Outcome> outcomes = function.priming().run();

        assertThat(outcomes).anySatisfy(outcome -> assertThat(outcome.status()).isGreaterThanOrEqualTo(500));
        HttpResult answer = Handlers.invoke(function, Handlers.sampleEvent("orgs-get.json"));
        assertThat(answer.status()).isGreaterThanOrEqualTo(500);
    }

    private static Map<String, List<Map<String, AttributeValue>>> everyTable(LocalAws aws) {
        Map<String, List<Map<String, AttributeValue>>> tables = new TreeMap<>();
        try (DynamoDbClient dynamo = aws.emulators().dynamoDbClient()) {
            for (String table : aws.emulators().tableNames().values()) {
                List<Map<String, AttributeValue>> items = new ArrayList<>();
                dynamo.scanPaginator(b -> b.tableName(table)).items().forEach(items::add);
                items.sort((a, b) -> a.toString().compareTo(b.toString()));
                tables.put(table, items);
            }
        }
        return tables;
    }
}
