package com.supportdesk.cases;

import com.supportdesk.model.Category;
import com.supportdesk.model.Severity;
import com.supportdesk.model.SupportPlan;
import com.supportdesk.organizations.Organization;
import com.supportdesk.refusal.Refusal;
import com.supportdesk.sla.SlaPolicies;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The submission rules of the support policy (SPEC section 4). Each refusal is a broken rule whose code and
 * message name the rule, so the admin knows what to change.
 */
public final class CaseRules {
    public static final String SEVERITY_A_ADVANCED_TECHNICAL = "SEVERITY_A_REQUIRES_ADVANCED_TECHNICAL";
    public static final String SEVERITY_AT_MOST_B = "SEVERITY_AT_MOST_B_FOR_NON_TECHNICAL";
    public static final String SEVERITY_NOT_OFFERED = "SEVERITY_NOT_OFFERED_BY_POLICY";
    public static final String SEVERITY_A_IMPACT = "SEVERITY_A_REQUIRES_BUSINESS_IMPACT";
    public static final String SEVERITY_A_PHONE = "SEVERITY_A_REQUIRES_PHONE_CONTACT";
    public static final String THIRD_PARTY = "THIRD_PARTY_OUT_OF_SCOPE";
    public static final String THIRD_PARTY_CONFIRM = "THIRD_PARTY_CONFIRMATION_REQUIRED";

    /**
     * Words that suggest a request about someone else's product. They do not refuse a case by themselves
     * (an add-in can be the vendor's own); they ask the admin to say so with {@code "thirdParty": false}.
     */
    private static final List<Pattern> THIRD_PARTY_WORDS = List.of(
            Pattern.compile("third[- ]?party", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\badd[- ]?ins?\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\bplug[- ]?ins?\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile("第三方"),
            Pattern.compile("サードパーティ"),
            Pattern.compile("アドイン"),
            Pattern.compile("加载项"));

    private CaseRules() {}

    /** Severity rules for a case being opened or re-rated; {@code policies} must allow the pair too. */
    public static void severity(
            Organization organization,
            Category category,
            Severity severity,
            String businessImpact,
            CaseContact contact,
            SlaPolicies policies) {
        if (severity == Severity.A) {
            if (category != Category.TECHNICAL) {
                throw Refusal.ruleBroken(
                        SEVERITY_AT_MOST_B,
                        "Rule " + SEVERITY_AT_MOST_B
                                + ": billing, subscription and pre-sales cases are at most severity B.");
            }
            if (organization.supportPlan() != SupportPlan.ADVANCED) {
                throw Refusal.ruleBroken(
                        SEVERITY_A_ADVANCED_TECHNICAL,
                        "Rule " + SEVERITY_A_ADVANCED_TECHNICAL
                                + ": severity A is available only for technical cases of organisations with the advanced"
                                + " online service contract. Choose severity B or C, or ask your account manager about the contract.");
            }
            if (businessImpact == null || businessImpact.isBlank()) {
                throw Refusal.ruleBroken(
                        SEVERITY_A_IMPACT,
                        "Rule " + SEVERITY_A_IMPACT
                                + ": a severity A case needs a statement of its business impact (field businessImpact).");
            }
            if (!contact.hasPhone()) {
                throw Refusal.ruleBroken(
                        SEVERITY_A_PHONE,
                        "Rule " + SEVERITY_A_PHONE
                                + ": a severity A case is worked 24x7 together with you and needs a phone contact (field contact.phone).");
            }
        }
        if (!policies.isAllowed(severity, category)) {
            throw Refusal.ruleBroken(
                    SEVERITY_NOT_OFFERED,
                    "Rule " + SEVERITY_NOT_OFFERED
                            + ": severity " + severity + " is not offered for " + category + " cases; allowed: "
                            + policies.allowedSeverities(category) + ".");
        }
    }

    /**
     * Troubleshooting of third-party services and add-ins is out of scope. Detection: the explicit flag
     * {@code thirdParty: true} refuses; without the flag, third-party words in the title or description
     * ask for confirmation ({@code thirdParty: false} says the case is about the vendor's own service).
     */
    public static void thirdParty(NewCase request, String forumUrl) {
        if (Boolean.TRUE.equals(request.thirdParty())) {
            throw Refusal.ruleBroken(
                    THIRD_PARTY,
                    "Rule " + THIRD_PARTY + ": we cannot troubleshoot"
                            + " third-party services or add-ins. Please contact their vendor, or ask the community forum at "
                            + forumUrl + ".");
        }
        if (request.thirdParty() == null) {
            String text = request.title() + "\n" + request.description();
            Optional<Pattern> hit = THIRD_PARTY_WORDS.stream()
                    .filter(p -> p.matcher(text).find())
                    .findFirst();
            if (hit.isPresent()) {
                throw Refusal.ruleBroken(
                        THIRD_PARTY_CONFIRM,
                        "Rule " + THIRD_PARTY_CONFIRM + ": this request"
                                + " mentions a third-party product or add-in, which we cannot troubleshoot (the community forum at "
                                + forumUrl
                                + " can help). If it is about our own service, send it again with \"thirdParty\": false.");
            }
        }
    }

    /** The refusal text for a tenant member who is not an administrator. */
    public static String userGuidance(String forumUrl) {
        return "Only your organisation's administrators can open support cases. Please contact your administrator,"
                + " or ask the community forum at " + forumUrl + ".";
    }

    /**
     * A case reads back in one Lambda response (6 MB at most): 200 messages of 8,000 characters, even
     * all in three-byte scripts, stay under 5 MB. A conversation longer than that belongs in a new case.
     */
    public static final int MAX_MESSAGES = 200;

    public static void requireRoomForMessage(String caseId, int messages) {
        if (messages >= MAX_MESSAGES) {
            throw Refusal.conflict(
                    "CASE_CONVERSATION_FULL",
                    "Case " + caseId + " already holds " + MAX_MESSAGES
                            + " messages; please open a new case and mention " + caseId + ".");
        }
    }
}
