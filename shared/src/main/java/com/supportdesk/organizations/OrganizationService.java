package com.supportdesk.organizations;

import com.supportdesk.api.Validate;
import com.supportdesk.i18n.Text;
import com.supportdesk.identity.Caller;
import com.supportdesk.identity.Role;
import com.supportdesk.refusal.Refusal;
import java.time.Clock;

/**
 * Who may see and change organisation profiles: operators write and read any; an admin reads only
 * their own (another tenant's profile does not exist for them: not found).
 */
public final class OrganizationService {
    private final OrganizationRepository repository;
    private final Clock clock;

    public OrganizationService(OrganizationRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public record Saved(Organization organization, boolean created) {}

    public Saved put(Caller caller, String tenantId, OrganizationDraft body) {
        caller.require(Role.OPERATOR);
        String tenant = Validate.id("tenantId", tenantId);
        OrganizationDraft draft = body.validated();
        long version = draft.version() == null ? 1 : draft.version() + 1;
        Organization organization = new Organization(
                tenant,
                draft.name(),
                draft.country(),
                draft.supportPlan(),
                draft.language(),
                draft.contacts(),
                draft.partner(),
                version,
                clock.instant(),
                caller.subject());
        if (!repository.save(organization)) {
            throw draft.version() == null
                    ? Refusal.conflict("ALREADY_EXISTS", Text.of("ALREADY_EXISTS", "id", tenant))
                    : Refusal.conflict("VERSION_CONFLICT", Text.of("VERSION_CONFLICT.organisation", "id", tenant));
        }
        return new Saved(organization, version == 1);
    }

    public Organization get(Caller caller, String tenantId) {
        if (!caller.has(Role.OPERATOR)) {
            caller.require(Role.ADMIN);
            if (!caller.isAdminOf(tenantId)) {
                throw Refusal.notFound(Text.of("NOT_FOUND.organisation", "id", tenantId));
            }
        }
        Validate.id("tenantId", tenantId);
        return repository
                .find(tenantId)
                .orElseThrow(() -> Refusal.notFound(Text.of("NOT_FOUND.organisation", "id", tenantId)));
    }
}
