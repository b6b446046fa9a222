package com.supportdesk.functions.notificationdispatcher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.supportdesk.cases.CaseRepository;
import com.supportdesk.cases.CaseSla;
import com.supportdesk.cases.SlaPolicySource;
import com.supportdesk.notifications.delivery.EmailSender;
import com.supportdesk.notifications.delivery.SmsSender;
import com.supportdesk.notifications.delivery.TopicSender;
import com.supportdesk.notifications.dispatch.DeliveryChannels;
import com.supportdesk.notifications.dispatch.DeliveryMetrics;
import com.supportdesk.notifications.dispatch.DeliveryRecords;
import com.supportdesk.notifications.dispatch.DispatchResult;
import com.supportdesk.notifications.dispatch.NotificationDispatcher;
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
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Consumes the notifications queue (SQS event source with {@code ReportBatchItemFailures}): every message
 * body is a notification request, published to the notifications topic and delivered raw. A record whose
 * request is not done is reported as a batch item failure, so the queue delivers it again after its
 * visibility timeout and, after its last receive, moves it to the dead-letter queue; the others are deleted.
 */
public final class NotificationDispatcherHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /**
     * Records are not started with less time left than this: one record can take two SDK calls of up to
     * {@link #CALL_TIMEOUT} each. Records left over go back to the queue untouched.
     */
    static final Duration RESERVE = Duration.ofSeconds(12);
    /** One SES or SNS call, retries included: a hung provider must not use up the invocation. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final NotificationDispatcher dispatcher;
    private final Clock clock;

    public NotificationDispatcherHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public NotificationDispatcherHandler(FunctionEnvironment context) {
        this.dispatcher = dispatcher(context);
        this.clock = context.clock();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        DeliveryMetrics metrics = new DeliveryMetrics();
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage record : records) {
            if (context != null && context.getRemainingTimeInMillis() < RESERVE.toMillis()) {
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                metrics.deferred();
                continue;
            }
            DispatchResult result = dispatcher.dispatch(record.getBody());
            boolean failed = !result.done();
            if (failed) {
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
            metrics.add(result, failed);
        }
        metrics.flush(clock.instant());
        return new SQSBatchResponse(failures);
    }

    private static NotificationDispatcher dispatcher(FunctionEnvironment context) {
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
        // the organisations' webhooks (decision 0018)
        Optional<WebhookSubscribers> webhooks = context.optional("WEBHOOKS_TABLE")
                .map(table -> new WebhookSubscribers(new WebhookRepository(dynamo, table), WebhookSeal.from(context)));
        Optional<WebhookSender> webhookSender =
                webhooks.map(w -> new WebhookSender(new WebhookHttp(WebhookAddresses.from(context)), context.clock()));
        return new NotificationDispatcher(
                new CaseRepository(dynamo, context.required("CASES_TABLE"), sla),
                sla,
                new OrganizationRepository(dynamo, context.required("ORGANIZATIONS_TABLE")),
                new DeliveryRecords(dynamo, context.required("DELIVERIES_TABLE")),
                new DeliveryChannels(
                        new EmailSender(ses, context.required("SENDER_EMAIL")),
                        new SmsSender(sns),
                        new TopicSender(sns),
                        context.required("SUPPORT_QUEUE_TOPIC_ARN"),
                        context.required("ON_CALL_TOPIC_ARN"),
                        context.required("AGENTS_TOPIC_ARN"),
                        webhookSender),
                new MessageTemplates(),
                ZoneId.of(context.get("SUPPORT_DESK_TIME_ZONE", "Asia/Shanghai")),
                context.clock(),
                webhooks);
    }
}
