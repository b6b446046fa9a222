package com.supportdesk.functions.verification;

import com.supportdesk.runtime.AwsClients;
import com.supportdesk.runtime.FunctionEnvironment;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Where the PIN HMAC key comes from. In AWS ({@value #SECRET_ARN} set, as the template does): the Secrets
 * Manager secret it names, read when the first code is hashed (after a SnapStart restore, never into a
 * snapshot) and then kept by {@link com.supportdesk.verification.PinHasher} for the life of the
 * container. Locally (no ARN): the {@value #LOCAL_KEY} variable that the local runner and the tests set.
 *
 * <p>Both set is refused at init: a {@value #LOCAL_KEY} added to a deployed function would otherwise
 * quietly replace the generated secret with a value that sits in plain sight in the function's
 * configuration.
 */
final class HmacKeySource {
    /** The deployed key: a Secrets Manager secret, named by the template. */
    static final String SECRET_ARN = "PIN_HMAC_SECRET_ARN";
    /** The local stand-in for the secret. Not in template.yaml on purpose. */
    static final String LOCAL_KEY = "PIN_HMAC_KEY";

    private HmacKeySource() {}

    static Supplier<byte[]> of(FunctionEnvironment context) {
        Optional<String> secretArn = context.optional(SECRET_ARN);
        Optional<String> local = context.optional(LOCAL_KEY);
        if (secretArn.isPresent() && local.isPresent()) {
            // the message names the variables only, never the value
            throw new IllegalStateException(LOCAL_KEY + " is set although " + SECRET_ARN + " names the HMAC secret; "
                    + LOCAL_KEY + " is for local runs only. Remove it from the function's environment.");
        }
        if (secretArn.isPresent()) {
            String arn = secretArn.get();
            // Building the client is cheap and safe before a snapshot; no request is made until first use.
            SecretsManagerClient secrets = new AwsClients(context)
                    .configure(SecretsManagerClient.builder(), "SECRETSMANAGER")
                    .build();
            return () -> secrets.getSecretValue(request -> request.secretId(arn))
                    .secretString()
                    .getBytes(StandardCharsets.UTF_8);
        }
        String key = local.orElseThrow(() -> new IllegalStateException(
                "No PIN HMAC key: set " + SECRET_ARN + " (deployed) or " + LOCAL_KEY + " (local runs)."));
        return () -> key.getBytes(StandardCharsets.UTF_8);
    }
}
