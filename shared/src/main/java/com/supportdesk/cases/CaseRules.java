package com.supportdesk.cases;

import com.supportdesk.i18n.Text;
import com.supportdesk.model.Category;
import com.supportdesk.model.Severity;
import com.supportdesk.model.SupportPlan;
import com.supportdesk.organizations.Organization;
import com.supportdesk.refusal.Refusal;
import com.supportdesk.sla.SlaPolicies;
import java.util.Optional;

/**
 * The submission rules of the support policy (SPEC section 4). Each refusal is a broken rule whose code
 * names the rule and whose message (in the reader's language) says what to change.
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
                        SEVERITY_AT_MOST_B, Text.of(SEVERITY_AT_MOST_B, "category", categoryName(category)));
            }
            if (organization.supportPlan() != SupportPlan.ADVANCED) {
                throw Refusal.ruleBroken(SEVERITY_A_ADVANCED_TECHNICAL, Text.of(SEVERITY_A_ADVANCED_TECHNICAL));
            }
            if (businessImpact == null || businessImpact.isBlank()) {
                throw Refusal.ruleBroken(SEVERITY_A_IMPACT, Text.of(SEVERITY_A_IMPACT));
            }
            if (!contact.hasPhone()) {
                throw Refusal.ruleBroken(SEVERITY_A_PHONE, Text.of(SEVERITY_A_PHONE));
            }
        }
        if (!policies.isAllowed(severity, category)) {
            throw Refusal.ruleBroken(
                    SEVERITY_NOT_OFFERED,
                    Text.of(
                            SEVERITY_NOT_OFFERED,
                            "severity",
                            severity.name(),
                            "category",
                            categoryName(category),
                            "allowed",
                            String.join(
                                    ", ",
                                    policies.allowedSeverities(category).stream()
                                            .map(Enum::name)
                                            .toList())));
        }
    }

    /** A category's name in the reader's language ("Billing", "課金", "账单"). */
    static Text categoryName(Category category) {
        return Text.of("category." + category.name());
    }

    /**
     * Troubleshooting of third-party services and add-ins is out of scope. Detection: the explicit flag
     * {@code thirdParty: true} refuses; without the flag, third-party words ({@link OutOfScopeTerms}) in
     * the title or description ask for confirmation ({@code thirdParty: false} says the case is about the
     * vendor's own service). Words alone never refuse: an add-in can be the vendor's own.
     */
    public static void thirdParty(NewCase request, String forumUrl) {
        if (Boolean.TRUE.equals(request.thirdParty())) {
            throw Refusal.ruleBroken(THIRD_PARTY, Text.of(THIRD_PARTY, "forumUrl", forumUrl));
        }
        if (request.thirdParty() == null) {
            Optional<String> hit = mentions(OutOfScopeTerms.Kind.THIRD_PARTY, request);
            if (hit.isPresent()) {
                throw Refusal.ruleBroken(
                        THIRD_PARTY_CONFIRM, Text.of(THIRD_PARTY_CONFIRM, "term", hit.get(), "forumUrl", forumUrl));
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
            throw Refusal.ruleBroken(CUSTOMER_NETWORK, Text.of(CUSTOMER_NETWORK));
        }
        if (request.customerNetwork() == null) {
            Optional<String> hit = mentions(OutOfScopeTerms.Kind.CUSTOMER_NETWORK, request);
            if (hit.isPresent()) {
                throw Refusal.ruleBroken(NETWORK_CONFIRM, Text.of(NETWORK_CONFIRM, "term", hit.get()));
            }
        }
    }

    private static Optional<String> mentions(OutOfScopeTerms.Kind kind, NewCase request) {
        return OutOfScopeTerms.standard().find(kind, request.title() + "\n" + request.description());
    }

    /** The refusal text for a tenant member who is not an administrator. */
    public static Text userGuidance(String forumUrl) {
        return Text.of("FORBIDDEN.userOpensCase", "forumUrl", forumUrl);
    }

    /**
     * A case reads back in one Lambda response (6 MB at most): 200 messages of 8,000 characters, even
     * all in three-byte scripts, stay under 5 MB. A conversation longer than that belongs in a new case.
     */
    public static final int MAX_MESSAGES = 200;

    public static void requireRoomForMessage(String caseId, int messages) {
        if (messages >= MAX_MESSAGES) {
            throw Refusal.conflict(
                    "CASE_CONVERSATION_FULL", Text.of("CASE_CONVERSATION_FULL", "caseId", caseId, "max", MAX_MESSAGES));
        }
    }
}
