package com.supportdesk.functions.verification;

import com.supportdesk.runtime.FunctionEnvironment;
import com.supportdesk.runtime.SecretKeySource;
import java.util.function.Supplier;

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
        return SecretKeySource.of(context, SECRET_ARN, LOCAL_KEY, "PIN HMAC key");
    }
}
