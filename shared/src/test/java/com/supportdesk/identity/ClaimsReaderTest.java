package com.supportdesk.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportdesk.refusal.Refusal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClaimsReaderTest {

    @Test
    void readsTheListApiGatewayFlattensAnArrayClaimInto() {
        Caller caller = ClaimsReader.read(Map.of("sub", "u1", "tenant_id", "contoso", "groups", "[admin agent]"));
        assertThat(caller.roles()).containsExactlyInAnyOrder(Role.ADMIN, Role.AGENT);
        assertThat(caller.tenantId()).contains("contoso");
        assertThat(ClaimsReader.read(Map.of("sub", "u1", "groups", "[staff operator]"))
                        .roles())
                .containsExactly(Role.OPERATOR);
    }

    @Test
    void aPlainStringClaimIsOneGroup() {
        assertThat(ClaimsReader.read(Map.of("sub", "u1", "tenant_id", "contoso", "groups", "admin"))
                        .roles())
                .containsExactly(Role.ADMIN);
    }

    /**
     * A role is granted only by a group named exactly as the role: a group whose name merely contains a
     * role's name among spaces or commas grants nothing, however the claim is sent.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "helpdesk admin",
                "read,admin",
                "admin,agent",
                "admin agent",
                "[read,admin]",
                "[\"admin\",\"agent\"]",
                "[ADMIN]",
                "Admin",
                " admin",
                "admin ",
                "[]",
                "[admins]",
                "[[admin]]"
            })
    void aGroupThatIsNotExactlyARoleNameGrantsNothing(String groups) {
        assertUnauthorized(Map.of("sub", "u1", "tenant_id", "contoso", "groups", groups));
    }

    @Test
    void unknownRoleNamesGiveNoPowers() {
        Caller caller = ClaimsReader.read(Map.of("sub", "u1", "groups", "[operator superuser root]"));
        assertThat(caller.roles()).containsExactly(Role.OPERATOR);
    }

    @Test
    void anAdminWithoutATenantIsNotTrusted() {
        assertUnauthorized(Map.of("sub", "u1", "groups", "[admin]"));
    }

    @Test
    void missingOrMalformedClaimsAre401() {
        assertUnauthorized(Map.of());
        assertUnauthorized(Map.of("groups", "[agent]"));
        assertUnauthorized(Map.of("sub", "u1"));
        assertUnauthorized(Map.of("sub", "u1", "groups", "[nobody]"));
        assertUnauthorized(Map.of("sub", "u1", "tenant_id", "../etc", "groups", "[admin]"));
    }

    @Test
    void adminOfIsTrueOnlyForTheirOwnTenant() {
        Caller admin = ClaimsReader.read(Map.of("sub", "u1", "tenant_id", "contoso", "groups", "[admin]"));
        assertThat(admin.isAdminOf("contoso")).isTrue();
        assertThat(admin.isAdminOf("fabrikam")).isFalse();
        Caller agent = ClaimsReader.read(Map.of("sub", "a1", "tenant_id", "contoso", "groups", "[agent]"));
        assertThat(agent.isAdminOf("contoso")).isFalse();
    }

    private static void assertUnauthorized(Map<String, String> claims) {
        assertThatThrownBy(() -> ClaimsReader.read(claims))
                .isInstanceOfSatisfying(
                        Refusal.class, e -> assertThat(e.kind()).isEqualTo(Refusal.Kind.UNAUTHENTICATED));
    }
}
