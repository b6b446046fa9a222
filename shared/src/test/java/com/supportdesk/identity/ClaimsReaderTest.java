package com.supportdesk.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportdesk.refusal.Refusal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClaimsReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"[admin agent]", "[\"admin\",\"agent\"]", "admin,agent", "[ADMIN, Agent]", "admin agent"})
    void readsTheGroupsClaimInEveryFormApiGatewayOrAnIdpSends(String groups) {
        Caller caller = ClaimsReader.read(Map.of("sub", "u1", "tenant_id", "contoso", "groups", groups));
        assertThat(caller.roles()).containsExactlyInAnyOrder(Role.ADMIN, Role.AGENT);
        assertThat(caller.tenantId()).contains("contoso");
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
