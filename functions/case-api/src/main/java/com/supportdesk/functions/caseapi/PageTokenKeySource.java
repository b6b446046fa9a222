package com.supportdesk.functions.caseapi;

import com.supportdesk.runtime.AwsClients;
import com.supportdesk.runtime.FunctionEnvironment;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Where the key that seals case-list page tokens comes from. In AWS ({@value #SECRET_ARN} set, as the
 * template does): the Secrets Manager secret it names, read when the first token is sealed or opened (after
 * a SnapStart restore, never into a snapshot) and then kept by {@link com.supportdesk.cases.PageTokens}
 * for the life of the container. Locally (no ARN): the {@value #LOCAL_KEY} variable that the local runner
 * and the tests set.
 *
 * <p>Both set is refused at init, as for the PIN key: a {@value #LOCAL_KEY} added to a deployed function
 * would otherwise quietly replace the generated secret with a value in plain sight in its configuration.
 */
final class PageTokenKeySource {
    /** The deployed key: a Secrets Manager secret, named by the template. */
    static final String SECRET_ARN = "PAGE_TOKEN_SECRET_ARN";
    /** The local stand-in for the secret. Not in template.yaml on purpose. */
    static final String LOCAL_KEY = "PAGE_TOKEN_KEY";

    private PageTokenKeySource() {}

    static Supplier<byte[]> of(FunctionEnvironment context) {
        Optional<String> secretArn = context.optional(SECRET_ARN);
        Optional<String> local = context.optional(LOCAL_KEY);
        if (secretArn.isPresent() && local.isPresent()) {
            // the message names the variables only, never the value
            throw new IllegalStateException(LOCAL_KEY + " is set although " + SECRET_ARN
                    + " names the page-token secret; " + LOCAL_KEY
                    + " is for local runs only. Remove it from the function's environment.");
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
                "No page-token key: set " + SECRET_ARN + " (deployed) or " + LOCAL_KEY + " (local runs)."));
        return () -> key.getBytes(StandardCharsets.UTF_8);
    }
}
