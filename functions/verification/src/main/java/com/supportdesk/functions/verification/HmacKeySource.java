package com.supportdesk.functions.verification;

import com.supportdesk.runtime.AwsClients;
import com.supportdesk.runtime.FunctionContext;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Where the PIN HMAC key comes from. In AWS: the Secrets Manager secret named by
 * {@code PIN_HMAC_SECRET_ARN}, read when the first code is hashed (after a SnapStart restore, never
 * into a snapshot) and then kept by {@link com.supportdesk.verification.PinHasher} for the life of the
 * container. Locally: the {@value #LOCAL_KEY} variable that the local runner and the tests set; the
 * template never sets it, so a deployed function always reads the secret.
 */
final class HmacKeySource {
    /** The local stand-in for the secret. Not in template.yaml on purpose. */
    static final String LOCAL_KEY = "PIN_HMAC_KEY";

    private HmacKeySource() {
    }

    static Supplier<byte[]> of(FunctionContext context) {
        Optional<String> local = context.optional(LOCAL_KEY);
        if (local.isPresent()) {
            String key = local.get();
            return () -> key.getBytes(StandardCharsets.UTF_8);
        }
        String secretArn = context.required("PIN_HMAC_SECRET_ARN");
        // Building the client is cheap and safe before a snapshot; no request is made until first use.
        SecretsManagerClient secrets = new AwsClients(context)
                .configure(SecretsManagerClient.builder(), "SECRETSMANAGER").build();
        return () -> secrets.getSecretValue(request -> request.secretId(secretArn))
                .secretString().getBytes(StandardCharsets.UTF_8);
    }
}
