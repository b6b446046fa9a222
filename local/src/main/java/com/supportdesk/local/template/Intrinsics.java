package com.supportdesk.local.template;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the intrinsic functions that appear in function environments and event sources ({@code Ref},
 * {@code Fn::GetAtt}, the one-string {@code Fn::Sub}) against local values; {@code Fn::If} on a parameter
 * condition is not supported.
 */
public final class Intrinsics {
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}]+)}");

    private Intrinsics() {}

    /**
     * @param value      a scalar or an intrinsic as read by {@link CfnYaml}
     * @param refs       logical id (or parameter, or pseudo parameter) → what {@code Ref} returns locally
     * @param attributes {@code "LogicalId.Attribute"} (for example {@code NotificationsQueue.Arn}) → what
     *                   {@code Fn::GetAtt} returns locally
     */
    public static String resolve(Object value, Map<String, String> refs, Map<String, String> attributes) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> entry = map.entrySet().iterator().next();
            String function = String.valueOf(entry.getKey());
            Object argument = entry.getValue();
            switch (function) {
                case "Ref" -> {
                    return lookup(refs, String.valueOf(argument), "Ref");
                }
                case "Fn::GetAtt" -> {
                    String name = argument instanceof List<?> parts
                            ? parts.get(0) + "." + parts.get(1)
                            : String.valueOf(argument);
                    return lookup(attributes, name, "Fn::GetAtt");
                }
                case "Fn::Sub" -> {
                    if (!(argument instanceof String text)) {
                        throw new IllegalArgumentException("Only the one-string form of Fn::Sub resolves locally");
                    }
                    Matcher matcher = SUB.matcher(text);
                    StringBuilder out = new StringBuilder();
                    while (matcher.find()) {
                        String name = matcher.group(1);
                        String replacement = name.contains(".")
                                ? lookup(attributes, name, "Fn::Sub")
                                : lookup(refs, name, "Fn::Sub");
                        matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
                    }
                    matcher.appendTail(out);
                    return out.toString();
                }
                default -> throw new IllegalArgumentException(function + " does not resolve locally");
            }
        }
        return String.valueOf(value);
    }

    private static String lookup(Map<String, String> values, String name, String function) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(function + " of '" + name + "' has no local value");
        }
        return value;
    }
}
