package com.supportdesk.local;

import com.supportdesk.local.emulators.Emulators;
import com.supportdesk.local.template.FunctionDefinition;
import com.supportdesk.local.template.Intrinsics;
import com.supportdesk.local.template.SamTemplate;
import com.supportdesk.runtime.FunctionEnvironment;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The emulators plus what {@code Ref} and {@code Fn::GetAtt} mean locally, so that a function's
 * environment can be built from its definition in the template exactly as CloudFormation would,
 * but pointing at the emulators.
 */
public final class LocalAws {
    public static final String ACCOUNT = Emulators.ACCOUNT;

    private final Emulators emulators;
    private final Map<String, String> refs = new LinkedHashMap<>();
    /** {@code "LogicalId.Attribute"} → what {@code Fn::GetAtt} returns locally. */
    private final Map<String, String> attributes = new LinkedHashMap<>();

    private final Map<String, String> localSettings;

    /**
     * @param parameters    values of template parameters (others use their Default)
     * @param localSettings variables every local function gets on top (for example a local secret)
     */
    public LocalAws(Emulators emulators, Map<String, String> parameters, Map<String, String> localSettings) {
        this.emulators = emulators;
        this.localSettings = Map.copyOf(localSettings);
        SamTemplate template = emulators.template();
        refs.put("AWS::Region", Emulators.REGION);
        refs.put("AWS::AccountId", ACCOUNT);
        refs.put("AWS::URLSuffix", "amazonaws.com");
        refs.put("AWS::StackName", "support-desk-local");
        Map<String, Object> declared = castMap(template.document().get("Parameters"));
        declared.forEach((name, raw) -> {
            Object fallback = castMap(raw).get("Default");
            String value = parameters.getOrDefault(name, fallback == null ? null : String.valueOf(fallback));
            if (value != null) {
                refs.put(name, value);
            }
        });
        emulators.tableNames().forEach((logicalId, table) -> {
            refs.put(logicalId, table);
            attributes.put(
                    logicalId + ".Arn", "arn:aws:dynamodb:" + Emulators.REGION + ":" + ACCOUNT + ":table/" + table);
        });
        template.topics().keySet().forEach(logicalId -> {
            String arn = topicArn(logicalId);
            refs.put(logicalId, arn);
            attributes.put(logicalId + ".TopicArn", arn);
            attributes.put(logicalId + ".TopicName", logicalId);
        });
        emulators.queues().forEach((logicalId, queue) -> {
            refs.put(logicalId, queue.url());
            attributes.put(logicalId + ".Arn", queue.arn());
            attributes.put(logicalId + ".QueueName", queue.name());
            attributes.put(logicalId + ".QueueUrl", queue.url());
        });
        template.resourcesOfType("AWS::SSM::Parameter")
                .keySet()
                .forEach(logicalId -> refs.put(logicalId, "/local/" + logicalId));
        template.resourcesOfType("AWS::SecretsManager::Secret").keySet().forEach(logicalId -> {
            String arn = "arn:aws:secretsmanager:" + Emulators.REGION + ":" + ACCOUNT + ":secret:" + logicalId;
            refs.put(logicalId, arn);
            attributes.put(logicalId + ".Id", arn);
        });
    }

    public static String topicArn(String logicalId) {
        return "arn:aws:sns:" + Emulators.REGION + ":" + ACCOUNT + ":" + logicalId;
    }

    public Emulators emulators() {
        return emulators;
    }

    /** The environment the function would have in AWS, resolved locally, plus emulator endpoints. */
    public Map<String, String> environmentOf(FunctionDefinition function) {
        Map<String, String> env = new LinkedHashMap<>();
        function.environment().forEach((name, value) -> env.put(name, Intrinsics.resolve(value, refs, attributes)));
        env.putAll(emulators.awsEnvironment());
        env.putAll(localSettings);
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        return env;
    }

    /**
     * What a template value ({@code !Ref}, {@code !GetAtt X.Arn} and the other attributes of tables, topics
     * and queues, {@code !Sub}, or a plain value) is locally.
     */
    public String resolve(Object value) {
        return Intrinsics.resolve(value, refs, attributes);
    }

    public FunctionEnvironment contextOf(FunctionDefinition function, Clock clock) {
        return FunctionEnvironment.of(environmentOf(function), clock);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
