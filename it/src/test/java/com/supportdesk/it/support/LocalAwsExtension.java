package com.supportdesk.it.support;

import com.supportdesk.local.LocalAws;
import com.supportdesk.local.emulators.Emulators;
import com.supportdesk.local.template.SamTemplate;
import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;

/**
 * Starts the local AWS once for the whole test run (tables from template.yaml) and hands tests a
 * {@link LocalAws}; JUnit closes it when the run ends. Tests keep apart by using their own tenant ids,
 * not by restarting anything.
 *
 * <p>The backend is the Node.js emulators unless {@code -Dsupportdesk.aws.backend=localstack} asks for
 * LocalStack in Docker; where no Docker engine answers, that run is skipped with a visible notice.
 */
public final class LocalAwsExtension implements ParameterResolver, ExecutionCondition {
    /**
     * What every local function gets on top of the template: local stand-ins for deployed secrets. The
     * secret's ARN is blanked (a blank variable counts as unset) because a function refuses to start with
     * both the secret and a local key.
     */
    public static final Map<String, String> LOCAL_SETTINGS = Map.of(
            "PIN_HMAC_SECRET_ARN", "",
            "PIN_HMAC_KEY", "integration-tests-only-hmac-key-0123456789abcdef",
            "PAGE_TOKEN_SECRET_ARN", "",
            "PAGE_TOKEN_KEY", "integration-tests-only-page-token-key-0123456789",
            "WEBHOOK_SECRET_KEY_SECRET_ARN", "",
            "WEBHOOK_SECRET_KEY", "integration-tests-only-webhook-seal-key-0123456789");

    private static final String BACKEND = System.getProperty("supportdesk.aws.backend", "emulators");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!BACKEND.equals("localstack")) {
            return ConditionEvaluationResult.enabled("Node.js emulators");
        }
        boolean docker = context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent("docker-available", key -> dockerAvailable(), Boolean.class);
        return docker
                ? ConditionEvaluationResult.enabled("LocalStack in Docker")
                : ConditionEvaluationResult.disabled("No Docker engine: the LocalStack run of this suite is skipped");
    }

    private static boolean dockerAvailable() {
        boolean available;
        try {
            available = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            available = false;
        }
        if (!available) {
            System.err.println("NOTICE: no Docker engine found; the integration suite against LocalStack is skipped.");
        }
        return available;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalAws.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Started.class, key -> Started.start(), Started.class)
                .aws();
    }

    private record Started(LocalAws aws) implements ExtensionContext.Store.CloseableResource {
        static Started start() {
            SamTemplate template = SamTemplate.ofProject();
            Emulators emulators;
            try {
                emulators =
                        BACKEND.equals("localstack") ? LocalStackEmulators.start(template) : Emulators.start(template);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Cannot start the local emulators", e);
            }
            return new Started(new LocalAws(
                    emulators,
                    Map.of("JwtIssuer", "https://issuer.invalid", "JwtAudience", "support-desk"),
                    LOCAL_SETTINGS));
        }

        @Override
        public void close() {
            aws.emulators().close();
        }
    }
}
