package com.supportdesk.cases;

import com.supportdesk.model.Category;
import com.supportdesk.model.Severity;
import com.supportdesk.model.SupportPlan;
import com.supportdesk.organizations.Organization;
import com.supportdesk.refusal.Refusal;
import com.supportdesk.sla.SlaPolicies;
import java.util.Optional;

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
    public static final String CUSTOMER_NETWORK = "CUSTOMER_NETWORK_OUT_OF_SCOPE";
    public static final String NETWORK_CONFIRM = "NETWORK_CONFIRMATION_REQUIRED";

    private CaseRules() {}

    /**
     * Why an organisation cannot choose {@code severity} for a {@code category} case at all (the stable code of
     * the rule {@link #severity} would refuse with), or empty when it can. Only the rules that depend on the
     * organisation and the policy, not on what a request contains, so the options can say it in advance.
     */
    public static Optional<String> severityUnavailable(
            SupportPlan plan, Category category, Severity severity, SlaPolicies policies) {
        if (severity == Severity.A && category != Category.TECHNICAL) {
            return Optional.of(SEVERITY_AT_MOST_B);
        }
        if (severity == Severity.A && plan != SupportPlan.ADVANCED) {
            return Optional.of(SEVERITY_A_ADVANCED_TECHNICAL);
        }
        if (!policies.isAllowed(severity, category)) {
            return Optional.of(SEVERITY_NOT_OFFERED);
        }
        return Optional.empty();
    }

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
     * {@code thirdParty: true} refuses; without the flag, third-party words ({@link OutOfScopeTerms}) in
     * the title or description ask for confirmation ({@code thirdParty: false} says the case is about the
     * vendor's own service). Words alone never refuse: an add-in can be the vendor's own.
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
            Optional<String> hit = mentions(OutOfScopeTerms.Kind.THIRD_PARTY, request);
            if (hit.isPresent()) {
                throw Refusal.ruleBroken(
                        THIRD_PARTY_CONFIRM,
                        "Rule " + THIRD_PARTY_CONFIRM + ": this request"
                                + " mentions a third-party product or add-in (\"" + hit.get()
                                + "\"), which we cannot troubleshoot (the community forum at " + forumUrl
                                + " can help). If it is about our own service, send it again with \"thirdParty\": false.");
            }
        }
    }

    /**
     * Problems in the customer's own network (proxy, firewall, DNS servers, VPN, Wi-Fi, client
     * connectivity) are for their network team (the seed). {@code customerNetwork: true} refuses; without
     * the flag, network words ask for confirmation, and {@code customerNetwork: false} says the problem
     * is not in their network (it also happens outside it, or the network team ruled it out).
     */
    public static void customerNetwork(NewCase request) {
        if (Boolean.TRUE.equals(request.customerNetwork())) {
            throw Refusal.ruleBroken(
                    CUSTOMER_NETWORK,
                    "Rule " + CUSTOMER_NETWORK + ": problems in your own network or client connectivity (proxy,"
                            + " firewall, DNS servers, VPN, Wi-Fi) are outside our support; please ask your network team.");
        }
        if (request.customerNetwork() == null) {
            Optional<String> hit = mentions(OutOfScopeTerms.Kind.CUSTOMER_NETWORK, request);
            if (hit.isPresent()) {
                throw Refusal.ruleBroken(
                        NETWORK_CONFIRM,
                        "Rule " + NETWORK_CONFIRM + ": this request mentions your own network or client connectivity"
                                + " (\"" + hit.get() + "\"). Problems there are outside our support: please check with"
                                + " your network team first. If the problem is with our service (it also happens outside"
                                + " your network, or your network team ruled the network out), send it again with"
                                + " \"customerNetwork\": false.");
            }
        }
    }

    private static Optional<String> mentions(OutOfScopeTerms.Kind kind, NewCase request) {
        return OutOfScopeTerms.standard().find(kind, request.title() + "\n" + request.description());
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
