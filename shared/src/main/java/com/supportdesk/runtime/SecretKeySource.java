package com.supportdesk.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Where a key kept outside the tables comes from (the PIN HMAC key, the page-token key). In AWS, the
 * Secrets Manager secret named by {@code secretArnVariable}, read on first use (after a SnapStart restore,
 * never into a snapshot); locally, the value of {@code localKeyVariable} that the runner and the tests set.
 * Both set is refused at init: a local key added to a deployed function would otherwise quietly replace
 * the generated secret with a value in plain sight in its configuration. Only functions that declare the
 * {@code secretsmanager} SDK module may call this.
 */
public final class SecretKeySource {
    private SecretKeySource() {}

    /** @param what names the key in error messages, which name the variables and never a value */
    public static Supplier<byte[]> of(
            FunctionEnvironment environment, String secretArnVariable, String localKeyVariable, String what) {
        Optional<String> secretArn = environment.optional(secretArnVariable);
        Optional<String> local = environment.optional(localKeyVariable);
        if (secretArn.isPresent() && local.isPresent()) {
            throw new IllegalStateException(localKeyVariable + " is set although " + secretArnVariable + " names the "
                    + what + " secret; " + localKeyVariable
                    + " is for local runs only. Remove it from the function's environment.");
        }
        if (secretArn.isPresent()) {
            String arn = secretArn.get();
            // Building the client is cheap and safe before a snapshot; no request is made until first use.
            SecretsManagerClient secrets = new AwsClients(environment)
                    .configure(SecretsManagerClient.builder(), "SECRETSMANAGER")
                    .build();
            return () -> secrets.getSecretValue(request -> request.secretId(arn))
                    .secretString()
                    .getBytes(StandardCharsets.UTF_8);
        }
        String key = local.orElseThrow(() -> new IllegalStateException(
                "No " + what + ": set " + secretArnVariable + " (deployed) or " + localKeyVariable + " (local runs)."));
        return () -> key.getBytes(StandardCharsets.UTF_8);
    }
}
