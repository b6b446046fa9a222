package com.supportdesk.refusal;

import com.supportdesk.i18n.Text;
import com.supportdesk.model.Language;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Why the desk will not do what it was asked: a {@link Kind} that says what sort of "no" it is, a stable
 * machine-readable code and a sentence for a person ({@link Text}, written in the reader's language by the
 * adapter: decision 0013). The domain throws it; only an adapter (the HTTP
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
    // a refusal is answered where it is thrown and never serialised; its text is not Serializable
    private final transient Text text;
    private final Language organisationLanguage;

    /**
     * @param text what to tell the person, as a key of the {@code refusals} messages: {@code code} itself or
     *     {@code code.variant} (a bundle test holds every code to having its texts in every language)
     */
    public Refusal(Kind kind, String code, Text text) {
        this(kind, code, text, null);
    }

    private Refusal(Kind kind, String code, Text text, Language organisationLanguage) {
        super(null, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = Objects.requireNonNull(code, "code");
        this.text = Objects.requireNonNull(text, "text");
        this.organisationLanguage = organisationLanguage;
    }

    public Kind kind() {
        return kind;
    }

    /** Stable across releases and languages: clients branch on it, never on the message. */
    public String code() {
        return code;
    }

    /** What to tell the person, before a language is chosen. */
    public Text text() {
        return text;
    }

    /** The message in {@code language}. */
    public String message(Language language) {
        return text.in(language);
    }

    /** The message in English (logs and tests); what a client reads is {@link #message(Language)}. */
    @Override
    public String getMessage() {
        return message(Language.EN);
    }

    /** The language of the organisation the refusal concerns, once the domain has read its profile. */
    public Optional<Language> organisationLanguage() {
        return Optional.ofNullable(organisationLanguage);
    }

    /** This refusal, to be told in {@code language} when the caller asked for none (a first one stays). */
    public Refusal forOrganisationLanguage(Language language) {
        return organisationLanguage != null || language == null ? this : new Refusal(kind, code, text, language);
    }

    /**
     * Runs {@code work} for an organisation whose profile is read: a refusal it throws speaks
     * {@code language} unless the caller asked for another ({@code Accept-Language}).
     */
    public static <T> T forOrganisation(Language language, Supplier<T> work) {
        try {
            return work.get();
        } catch (Refusal e) {
            throw e.forOrganisationLanguage(language);
        }
    }

    public static Refusal invalid(String code) {
        return invalid(code, Text.of(code));
    }

    public static Refusal invalid(String code, Text text) {
        return new Refusal(Kind.INVALID, code, text);
    }

    public static Refusal unauthenticated() {
        return new Refusal(Kind.UNAUTHENTICATED, "UNAUTHORIZED", Text.of("UNAUTHORIZED"));
    }

    /** A caller who may not do this; {@code text} is a {@code FORBIDDEN.*} text saying who may, or what to do. */
    public static Refusal forbidden(Text text) {
        return new Refusal(Kind.FORBIDDEN, "FORBIDDEN", text);
    }

    /** {@code text} is a {@code NOT_FOUND.*} text naming what was not found. */
    public static Refusal notFound(Text text) {
        return new Refusal(Kind.NOT_FOUND, "NOT_FOUND", text);
    }

    public static Refusal conflict(String code) {
        return conflict(code, Text.of(code));
    }

    public static Refusal conflict(String code, Text text) {
        return new Refusal(Kind.CONFLICT, code, text);
    }

    public static Refusal ruleBroken(String code, Text text) {
        return new Refusal(Kind.RULE_BROKEN, code, text);
    }

    public static Refusal locked(String code, Text text) {
        return new Refusal(Kind.LOCKED, code, text);
    }

    public static Refusal tooMany(String code, Text text) {
        return new Refusal(Kind.TOO_MANY, code, text);
    }

    public static Refusal dependencyFailed(String code) {
        return new Refusal(Kind.DEPENDENCY_FAILED, code, Text.of(code));
    }

    public static Refusal unavailable(String code) {
        return new Refusal(Kind.UNAVAILABLE, code, Text.of(code));
    }
}
