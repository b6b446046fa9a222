package com.supportdesk.functions.caseapi;

import com.supportdesk.runtime.FunctionEnvironment;
import com.supportdesk.runtime.SecretKeySource;
import java.util.function.Supplier;

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
        return SecretKeySource.of(context, SECRET_ARN, LOCAL_KEY, "page-token key");
    }
}
