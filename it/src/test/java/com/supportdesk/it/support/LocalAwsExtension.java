package com.supportdesk.it.support;

import com.supportdesk.local.LocalAws;
import com.supportdesk.local.emulators.Emulators;
import com.supportdesk.local.template.SamTemplate;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the emulators once for the whole test run (on free ports, tables from template.yaml) and hands
 * tests a {@link LocalAws}; JUnit closes them when the run ends. Tests keep apart by using their own
 * tenant ids, not by restarting the emulators.
 */
public final class LocalAwsExtension implements ParameterResolver {
    /** What every local function gets on top of the template: local stand-ins for deployed secrets. */
    public static final Map<String, String> LOCAL_SETTINGS = Map.of(
            "PIN_HMAC_KEY", "integration-tests-only-hmac-key-0123456789abcdef");

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalAws.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Started.class, key -> Started.start(), Started.class)
                .aws();
    }

    private record Started(LocalAws aws) implements ExtensionContext.Store.CloseableResource {
        static Started start() {
            try {
                Emulators emulators = Emulators.start(SamTemplate.ofProject());
                return new Started(new LocalAws(emulators,
                        Map.of("JwtIssuer", "https://issuer.invalid", "JwtAudience", "support-desk"), LOCAL_SETTINGS));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Cannot start the local emulators", e);
            }
        }

        @Override
        public void close() {
            aws.emulators().close();
        }
    }
}
