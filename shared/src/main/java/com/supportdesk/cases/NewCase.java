package com.supportdesk.cases;

import com.supportdesk.api.Validate;
import com.supportdesk.model.Category;
import com.supportdesk.model.Language;
import com.supportdesk.model.ServiceName;
import com.supportdesk.model.Severity;

/**
 * The body of {@code POST /cases}. {@code tenantId} is only for an agent opening a case for a verified
 * caller; an admin's tenant always comes from the token. {@code thirdParty} says whether the request is
 * about a third-party service or add-in (see {@link CaseRules#thirdParty}), {@code customerNetwork} whether
 * it is about the customer's own network (see {@link CaseRules#customerNetwork}); {@code suggestionsShown}
 * whether the admin was shown help articles before opening it ({@code GET /support/suggestions}).
 */
public record NewCase(
        String tenantId,
        Category category,
        ServiceName service,
        String title,
        String description,
        Severity severity,
        String businessImpact,
        CaseContact contact,
        Boolean thirdParty,
        Boolean customerNetwork,
        Boolean suggestionsShown) {

    public static final int MAX_TITLE = 200;
    public static final int MAX_DESCRIPTION = 8000;
    public static final int MAX_IMPACT = 2000;

    /** Field checks (invalid); business rules are {@link CaseRules}' (rule broken). */
    NewCase validated(Language fallbackLanguage) {
        Category cleanCategory = Validate.present("category", category);
        if (cleanCategory == Category.TECHNICAL) {
            Validate.present("service", service);
        }
        return new NewCase(
                tenantId == null ? null : Validate.id("tenantId", tenantId),
                cleanCategory,
                service,
                Validate.line("title", title, MAX_TITLE),
                Validate.text("description", description, MAX_DESCRIPTION),
                Validate.present("severity", severity),
                Validate.optionalText("businessImpact", businessImpact, MAX_IMPACT),
                Validate.present("contact", contact).validated(fallbackLanguage),
                thirdParty,
                customerNetwork,
                suggestionsShown);
    }
}
