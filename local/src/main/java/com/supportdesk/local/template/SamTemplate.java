package com.supportdesk.local.template;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of {@code template.yaml} that the local runner and the tests need: functions with their
 * handler, environment and events, tables, topics, subscriptions and queues. Everything is read from the template; nothing
 * here repeats a name, a route or a key that the template already states.
 */
public final class SamTemplate {
    public static final String FUNCTION = "AWS::Serverless::Function";
    public static final String TABLE = "AWS::DynamoDB::Table";
    public static final String TOPIC = "AWS::SNS::Topic";
    public static final String SUBSCRIPTION = "AWS::SNS::Subscription";
    public static final String QUEUE = "AWS::SQS::Queue";

    private final Path file;
    private final Map<String, Object> document;

    private SamTemplate(Path file, Map<String, Object> document) {
        this.file = file;
        this.document = document;
    }

    public static SamTemplate load(Path file) {
        try {
            return new SamTemplate(file, CfnYaml.read(file));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }

    /** The template of the project: {@code template.yaml} in the repository root. */
    public static SamTemplate ofProject() {
        return load(ProjectRoot.find().resolve("template.yaml"));
    }

    public Path file() {
        return file;
    }

    public Map<String, Object> document() {
        return document;
    }

    public Map<String, Object> resources() {
        return map(document.get("Resources"));
    }

    public Map<String, Object> globalsFunction() {
        return map(map(document.get("Globals")).get("Function"));
    }

    /** Resources of one CloudFormation type, by logical id, in template order. */
    public Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        resources().forEach((id, raw) -> {
            Map<String, Object> resource = map(raw);
            if (type.equals(resource.get("Type"))) {
                result.put(id, map(resource.get("Properties")));
            }
        });
        return result;
    }

    public List<FunctionDefinition> functions() {
        List<FunctionDefinition> functions = new ArrayList<>();
        Map<String, Object> globalEnv =
                map(map(globalsFunction().get("Environment")).get("Variables"));
        resourcesOfType(FUNCTION).forEach((id, properties) -> {
            Map<String, Object> env = new LinkedHashMap<>(globalEnv);
            env.putAll(map(map(properties.get("Environment")).get("Variables")));
            List<EventSource> events = new ArrayList<>();
            map(properties.get("Events")).forEach((name, raw) -> {
                Map<String, Object> event = map(raw);
                events.add(new EventSource(name, String.valueOf(event.get("Type")), map(event.get("Properties"))));
            });
            functions.add(new FunctionDefinition(
                    id,
                    String.valueOf(properties.get("Handler")),
                    String.valueOf(properties.get("CodeUri")),
                    env,
                    events,
                    properties));
        });
        return functions;
    }

    public Optional<FunctionDefinition> function(String logicalId) {
        return functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst();
    }

    public List<HttpRoute> httpRoutes() {
        List<HttpRoute> routes = new ArrayList<>();
        for (FunctionDefinition function : functions()) {
            routes.addAll(function.httpRoutes());
        }
        return routes;
    }

    public Map<String, Map<String, Object>> tables() {
        return resourcesOfType(TABLE);
    }

    public Map<String, Map<String, Object>> topics() {
        return resourcesOfType(TOPIC);
    }

    public Map<String, Map<String, Object>> queues() {
        return resourcesOfType(QUEUE);
    }

    /** {@code AWS::SNS::Subscription} resources (topic, protocol, endpoint, raw delivery, filter policy). */
    public Map<String, Map<String, Object>> subscriptions() {
        return resourcesOfType(SUBSCRIPTION);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
