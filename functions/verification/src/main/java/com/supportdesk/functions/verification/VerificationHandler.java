package com.supportdesk.functions.verification;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.supportdesk.lambda.ApiResponse;
import com.supportdesk.lambda.HttpApiFunction;
import com.supportdesk.lambda.PrimingRequest;
import com.supportdesk.lambda.Route;
import com.supportdesk.notifications.delivery.EmailSender;
import com.supportdesk.notifications.delivery.Messenger;
import com.supportdesk.notifications.delivery.SmsSender;
import com.supportdesk.notifications.delivery.VerificationMessages;
import com.supportdesk.notifications.requests.SnsNotificationPublisher;
import com.supportdesk.organizations.OrganizationRepository;
import com.supportdesk.runtime.AwsClients;
import com.supportdesk.runtime.FunctionEnvironment;
import com.supportdesk.verification.AccessGrantRepository;
import com.supportdesk.verification.ConfirmRequest;
import com.supportdesk.verification.ContactRecordRepository;
import com.supportdesk.verification.PinHasher;
import com.supportdesk.verification.Sleeper;
import com.supportdesk.verification.StartRequest;
import com.supportdesk.verification.StartResult;
import com.supportdesk.verification.VerificationPolicy;
import com.supportdesk.verification.VerificationRepository;
import com.supportdesk.verification.VerificationService;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * {@code POST /verifications} and {@code POST /verifications/{verificationId}/confirm}, agents only.
 *
 * <p>SnapStart: nothing random and nothing secret is created here. Codes and ids take a new
 * {@code SecureRandom} per use, and the HMAC key is read on first use, after restore.
 */
// Names RequestStreamHandler again (HttpApiFunction implements it) so that AWS's SnapStart rules, which
// only check classes that name a handler interface, check this one (decision 0009).
public final class VerificationHandler extends HttpApiFunction implements RequestStreamHandler {

    public VerificationHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public VerificationHandler(FunctionEnvironment context) {
        this(service(context));
    }

    private VerificationHandler(VerificationService verifications) {
        super(Map.<String, Route>of(
                "POST /verifications",
                        request -> {
                            StartResult started =
                                    verifications.start(request.caller(), request.body(StartRequest.class));
                            return ApiResponse.created(started, "/verifications/" + started.verificationId());
                        },
                "POST /verifications/{verificationId}/confirm",
                        request -> ApiResponse.ok(verifications.confirm(
                                request.caller(),
                                request.path("verificationId"),
                                request.body(ConfirmRequest.class)))));
        // SnapStart: a start for a tenant without a profile (one read, 404). Never a confirmation: any
        // confirmation hashes a code, and the first hash reads the HMAC key from Secrets Manager.
        primeWith(PrimingRequest.to("POST /verifications")
                .body("{\"tenantId\": \"" + PrimingRequest.ABSENT_TENANT + "\", \"callerPhone\": \"+8613911112222\"}"));
    }

    private static VerificationService service(FunctionEnvironment context) {
        AwsClients aws = new AwsClients(context);
        DynamoDbClient dynamo = aws.dynamoDb();
        VerificationPolicy policy = VerificationPolicy.from(context);
        SnsClient sns = aws.configure(SnsClient.builder(), "SNS").build();
        Messenger messenger = new Messenger(
                new EmailSender(
                        aws.configure(SesV2Client.builder(), "SESV2").build(), context.required("SENDER_EMAIL")),
                new SmsSender(sns));
        return new VerificationService(
                new OrganizationRepository(dynamo, context.required("ORGANIZATIONS_TABLE")),
                new VerificationRepository(dynamo, context.required("VERIFICATIONS_TABLE")),
                new ContactRecordRepository(dynamo, context.required("VERIFICATION_CONTACTS_TABLE"), policy),
                new AccessGrantRepository(dynamo, context.required("ACCESS_GRANTS_TABLE")),
                new PinHasher(HmacKeySource.of(context)),
                messenger,
                new SnsNotificationPublisher(sns, context.required("NOTIFICATIONS_TOPIC_ARN")),
                new VerificationMessages(context.get("SUPPORT_DESK_TIME_ZONE", "Asia/Shanghai")),
                policy,
                context.clock(),
                Sleeper.SYSTEM);
    }
}
