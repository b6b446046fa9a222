package com.supportdesk.functions.notificationdispatcher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.supportdesk.api.Json;
import com.supportdesk.cases.CaseRepository;
import com.supportdesk.cases.CaseSla;
import com.supportdesk.cases.SlaPolicySource;
import com.supportdesk.lambda.Priming;
import com.supportdesk.lambda.PrimingStep;
import com.supportdesk.lambda.SqsBatch;
import com.supportdesk.model.Language;
import com.supportdesk.notifications.delivery.EmailSender;
import com.supportdesk.notifications.delivery.SmsSender;
import com.supportdesk.notifications.delivery.TopicSender;
import com.supportdesk.notifications.dispatch.DeliveryChannels;
import com.supportdesk.notifications.dispatch.DeliveryMetrics;
import com.supportdesk.notifications.dispatch.DeliveryRecords;
import com.supportdesk.notifications.dispatch.DispatchResult;
import com.supportdesk.notifications.dispatch.NotificationDispatcher;
import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.notifications.requests.NotificationType;
import com.supportdesk.notifications.templates.MessageModel;
import com.supportdesk.notifications.templates.MessageTemplates;
import com.supportdesk.organizations.OrganizationRepository;
import com.supportdesk.runtime.AwsClients;
import com.supportdesk.runtime.FunctionEnvironment;
import com.supportdesk.webhooks.WebhookAddresses;
import com.supportdesk.webhooks.WebhookHttp;
import com.supportdesk.webhooks.WebhookRepository;
import com.supportdesk.webhooks.WebhookSeal;
import com.supportdesk.webhooks.WebhookSender;
import com.supportdesk.webhooks.WebhookSubscribers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Consumes the notifications queue (SQS event source with {@code ReportBatchItemFailures}): every message
 * body is a notification request, published to the notifications topic and delivered raw. A record whose
 * request is not done is reported as a batch item failure, so the queue delivers it again after its
 * visibility timeout and, after its last receive, moves it to the dead-letter queue; the others are deleted.
 *
 * <p>Lambda calls the stream method (the one with the most parameters), which reads the records' ids and
 * bodies from the event JSON with the project's mapper and writes the batch response itself, so the
 * runtime never sets up its own JSON (decision 0009). The typed method stays for the tests.
 *
 * <p>SnapStart priming (decision 0009) reads only and sends nothing: a notification request is parsed and
 * its messages rendered in every language and for the agents; a case, an organisation and a delivery
 * record that do not exist are read; the support-queue topic's attributes and the SES account are read.
 */
public final class NotificationDispatcherHandler
        implements RequestHandler<SQSEvent, SQSBatchResponse>, RequestStreamHandler {
    /**
     * Records are not started with less time left than this: one record can take two SDK calls of up to
     * {@link #CALL_TIMEOUT} each. Records left over go back to the queue untouched.
     */
    static final Duration RESERVE = Duration.ofSeconds(12);
    /** One SES or SNS call, retries included: a hung provider must not use up the invocation. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    /** A case id no case has (I, O, L and U are never in ids), of a tenant no one registers. */
    static final String ABSENT_CASE = "CS-IOLU-IOLU-IOLU";

    static final String ABSENT_TENANT = "snapstart-priming";
    /** What priming parses and renders: a breach notice, which both customers and agents are sent. */
    static final String PRIMING_REQUEST = "{\"schema\":\"" + NotificationRequest.SCHEMA + "\",\"version\":"
            + NotificationRequest.VERSION + ",\"notificationId\":\"" + ABSENT_CASE + "#SLA_BREACH#priming\","
            + "\"type\":\"SLA_BREACH\",\"tenantId\":\"" + ABSENT_TENANT + "\",\"caseId\":\"" + ABSENT_CASE + "\","
            + "\"recipient\":{\"ref\":\"CASE_CONTACT\",\"channel\":\"EMAIL\"},\"language\":\"en\","
            + "\"occurredAt\":\"2026-01-05T01:00:00Z\",\"details\":{}}";

    private final NotificationDispatcher dispatcher;
    private final Clock clock;
    /** Held here: the runtime holds checkpoint hooks weakly. */
    private final Priming priming;

    public NotificationDispatcherHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public NotificationDispatcherHandler(FunctionEnvironment context) {
        AwsClients aws = new AwsClients(context);
        DynamoDbClient dynamo = aws.dynamoDb();
        ClientOverrideConfiguration timeouts = ClientOverrideConfiguration.builder()
                .apiCallTimeout(CALL_TIMEOUT)
                .build();
        SnsClient sns = aws.configure(SnsClient.builder(), "SNS")
                .overrideConfiguration(timeouts)
                .build();
        SesV2Client ses = aws.configure(SesV2Client.builder(), "SESV2")
                .overrideConfiguration(timeouts)
                .build();
        CaseSla sla = new CaseSla(SlaPolicySource.from(context));
        // the organisations' webhooks (decision 0017)
        Optional<WebhookSubscribers> webhooks = context.optional("WEBHOOKS_TABLE")
                .map(table -> new WebhookSubscribers(new WebhookRepository(dynamo, table), WebhookSeal.from(context)));
        Optional<WebhookSender> webhookSender =
                webhooks.map(w -> new WebhookSender(new WebhookHttp(WebhookAddresses.from(context)), context.clock()));
        CaseRepository cases = new CaseRepository(dynamo, context.required("CASES_TABLE"), sla);
        OrganizationRepository organizations =
                new OrganizationRepository(dynamo, context.required("ORGANIZATIONS_TABLE"));
        DeliveryRecords records = new DeliveryRecords(dynamo, context.required("DELIVERIES_TABLE"));
        MessageTemplates templates = new MessageTemplates();
        ZoneId zone = ZoneId.of(context.get("SUPPORT_DESK_TIME_ZONE", "Asia/Shanghai"));
        String supportQueue = context.required("SUPPORT_QUEUE_TOPIC_ARN");
        this.clock = context.clock();
        this.dispatcher = new NotificationDispatcher(
                cases,
                sla,
                organizations,
                records,
                new DeliveryChannels(
                        new EmailSender(ses, context.required("SENDER_EMAIL")),
                        new SmsSender(sns),
                        new TopicSender(sns),
                        supportQueue,
                        context.required("ON_CALL_TOPIC_ARN"),
                        context.required("AGENTS_TOPIC_ARN"),
                        webhookSender),
                templates,
                zone,
                clock,
                webhooks);
        this.priming = Priming.reads(
                PrimingStep.read("request JSON and messages in every language", () -> render(templates, zone)),
                PrimingStep.read("case " + ABSENT_CASE, () -> cases.find(ABSENT_CASE)),
                PrimingStep.read("organisation " + ABSENT_TENANT, () -> organizations.find(ABSENT_TENANT)),
                PrimingStep.read(
                        "delivery record " + ABSENT_CASE, () -> records.find(ABSENT_CASE + "#SLA_BREACH#priming")),
                PrimingStep.read("support-queue topic", () -> sns.getTopicAttributes(b -> b.topicArn(supportQueue))),
                PrimingStep.read("SES account", () -> readAccount(ses)),
                SqsBatch.primeAnswer());
    }

    /** What this function does before a SnapStart snapshot (the tests run it directly). */
    public Priming priming() {
        return priming;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        SqsBatch.answer(dispatch(SqsBatch.read(input), context), output);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.response(dispatch(SqsBatch.of(event), context));
    }

    /** @return the message ids of the records to deliver again */
    private List<String> dispatch(List<SqsBatch.Message> messages, Context context) {
        List<String> failures = new ArrayList<>();
        DeliveryMetrics metrics = new DeliveryMetrics();
        for (SqsBatch.Message message : messages) {
            if (context != null && context.getRemainingTimeInMillis() < RESERVE.toMillis()) {
                failures.add(message.messageId());
                metrics.deferred();
                continue;
            }
            DispatchResult result = dispatcher.dispatch(message.body());
            boolean failed = !result.done();
            if (failed) {
                failures.add(message.messageId());
            }
            metrics.add(result, failed);
        }
        metrics.flush(clock.instant());
        return failures;
    }

    /**
     * Reads the SES account's sending status, which takes the SES client's whole path (JSON protocol,
     * signing, answer) without sending. Any answer of the service does that, a refusal too (the local SES
     * emulator refuses unless configured with an account): only a call that got no answer fails the step.
     */
    private static boolean readAccount(SesV2Client ses) {
        try {
            return ses.getAccount(b -> {}).sendingEnabled() != null;
        } catch (SesV2Exception refused) {
            return refused.statusCode() > 0; // answered: the path is loaded
        }
    }

    /**
     * A request parsed as the dispatcher parses one, and its messages rendered as it renders them.
     *
     * @return the length of all the text rendered
     */
    private static int render(MessageTemplates templates, ZoneId zone) {
        NotificationRequest request;
        try {
            request = Json.MAPPER.readValue(PRIMING_REQUEST, NotificationRequest.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        NotificationType type = request.type();
        int length = 0;
        for (Language language : Language.values()) {
            MessageModel model = MessageModel.of(request, language, zone, Optional.empty(), Optional.empty(), false);
            length += templates.email(type, language, model).html().length();
            length += templates.sms(type, language, model).length();
        }
        MessageModel agents = MessageModel.of(request, Language.EN, zone, Optional.empty(), Optional.empty(), true);
        return length + templates.agents(type, agents).text().length();
    }
}
