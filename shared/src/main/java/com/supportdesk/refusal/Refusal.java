package com.supportdesk.refusal;

import java.util.Objects;

/**
 * Why the desk will not do what it was asked: a {@link Kind} that says what sort of "no" it is, a stable
 * machine-readable code and a sentence for a person. The domain throws it; only an adapter (the HTTP
 * functions' {@code lambda-http}) decides what it becomes on the wire, so a scheduled function can use the
 * same services without speaking HTTP.
 */
public final class Refusal extends RuntimeException {
    /** What sort of refusal it is; each adapter maps every kind. */
    public enum Kind {
        /** The request itself is malformed or a value is out of range. */
        INVALID,
        /** No verified identity came with the request. */
        UNAUTHENTICATED,
        /** The caller is known but may not do this. */
        FORBIDDEN,
        /** The thing does not exist, or does not exist for this caller (another tenant's data). */
        NOT_FOUND,
        /** The request clashes with the current state (a version, a key, a transition). */
        CONFLICT,
        /** The request is well formed but a rule of the support policy refuses it. */
        RULE_BROKEN,
        /** The target is locked for a while (a suspended contact). */
        LOCKED,
        /** The caller asked too often; it may try again later. */
        TOO_MANY,
        /** A provider the desk depends on failed to do its part (a message could not be sent). */
        DEPENDENCY_FAILED,
        /** The desk cannot serve right now (its database is unreachable); try again shortly. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String code;

    public Refusal(Kind kind, String code, String message) {
        super(message, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = Objects.requireNonNull(code, "code");
    }

    public Kind kind() {
        return kind;
    }

    /** Stable across releases and languages: clients branch on it, never on the message. */
    public String code() {
        return code;
    }

    public static Refusal invalid(String code, String message) {
        return new Refusal(Kind.INVALID, code, message);
    }

    public static Refusal unauthenticated() {
        return new Refusal(Kind.UNAUTHENTICATED, "UNAUTHORIZED", "A valid access token is required.");
    }

    public static Refusal forbidden(String message) {
        return new Refusal(Kind.FORBIDDEN, "FORBIDDEN", message);
    }

    public static Refusal notFound(String what) {
        return new Refusal(Kind.NOT_FOUND, "NOT_FOUND", what + " was not found.");
    }

    public static Refusal conflict(String code, String message) {
        return new Refusal(Kind.CONFLICT, code, message);
    }

    public static Refusal ruleBroken(String code, String message) {
        return new Refusal(Kind.RULE_BROKEN, code, message);
    }

    public static Refusal locked(String code, String message) {
        return new Refusal(Kind.LOCKED, code, message);
    }

    public static Refusal tooMany(String code, String message) {
        return new Refusal(Kind.TOO_MANY, code, message);
    }

    public static Refusal dependencyFailed(String code, String message) {
        return new Refusal(Kind.DEPENDENCY_FAILED, code, message);
    }

    public static Refusal unavailable(String code, String message) {
        return new Refusal(Kind.UNAVAILABLE, code, message);
    }
}
