package com.supportdesk.cases;

import com.supportdesk.runtime.AwsClients;
import com.supportdesk.runtime.FunctionEnvironment;
import com.supportdesk.sla.SlaPolicies;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Where a deployment's SLA policy comes from: the SSM parameter named by {@code SLA_POLICY_PARAMETER}
 * (a JSON document in the format of {@code sla/default-policy.json}) when it is set, else the defaults
 * in the repository. Read once per container, on first use: after a SnapStart restore, not into the
 * snapshot, and never on a request path that does not need it. A new policy reaches a function with its
 * next container; open cases are then evaluated against it, since their clocks are recomputed from history.
 */
public final class SlaPolicySource implements Supplier<SlaPolicies> {
    public static final String PARAMETER_ENV = "SLA_POLICY_PARAMETER";

    private final Optional<String> parameter;
    private final Supplier<SsmClient> ssm;
    private volatile SlaPolicies loaded;

    private SlaPolicySource(Optional<String> parameter, Supplier<SsmClient> ssm) {
        this.parameter = parameter;
        this.ssm = ssm;
    }

    public static SlaPolicySource from(FunctionEnvironment context) {
        return new SlaPolicySource(context.optional(PARAMETER_ENV), () -> new AwsClients(context)
                .configure(SsmClient.builder(), "SSM")
                .build());
    }

    @Override
    public SlaPolicies get() {
        SlaPolicies policies = loaded;
        if (policies == null) {
            synchronized (this) {
                if (loaded == null) {
                    loaded = load();
                }
                policies = loaded;
            }
        }
        return policies;
    }

    private SlaPolicies load() {
        if (parameter.isEmpty()) {
            return SlaPolicies.defaults();
        }
        try (SsmClient client = ssm.get()) {
            String json = client.getParameter(b -> b.name(parameter.get()))
                    .parameter()
                    .value();
            return SlaPolicies.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
