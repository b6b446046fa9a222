package com.supportdesk.local.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalTokensTest {
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final LocalTokens tokens = new LocalTokens(
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8),
            LocalTokens.LOCAL_ISSUER,
            LocalTokens.LOCAL_AUDIENCE,
            clock);

    private Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "u1");
        claims.put("tenant_id", "contoso");
        claims.put("groups", List.of("admin"));
        claims.put("iss", LocalTokens.LOCAL_ISSUER);
        claims.put("aud", LocalTokens.LOCAL_AUDIENCE);
        claims.put("iat", NOW.getEpochSecond());
        claims.put("exp", NOW.plusSeconds(60).getEpochSecond());
        return claims;
    }

    @Test
    void issuedTokensVerifyWithTheirClaims() {
        String token = tokens.issue("u1", "contoso", List.of("admin", "agent"), Duration.ofHours(12));
        Map<String, Object> verified = tokens.verify(token);
        assertThat(verified)
                .containsEntry("sub", "u1")
                .containsEntry("tenant_id", "contoso")
                .containsEntry("groups", List.of("admin", "agent"))
                .containsEntry("iss", "support-desk-local")
                .containsEntry("aud", "support-desk")
                .containsKeys("iat", "exp", "jti");
        assertThat(((Number) verified.get("exp")).longValue())
                .isEqualTo(NOW.plus(Duration.ofHours(12)).getEpochSecond());
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        assertThat(header).isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    }

    @Test
    void expiredTokensAreRefused() {
        Map<String, Object> claims = claims();
        claims.put("exp", NOW.getEpochSecond());
        assertThatThrownBy(() -> tokens.verify(tokens.sign(claims))).hasMessageContaining("expired");
        claims.remove("exp");
        assertThatThrownBy(() -> tokens.verify(tokens.sign(claims))).hasMessageContaining("exp");
    }

    @Test
    void aSignatureWithAnotherSecretOrAlteredPayloadIsRefused() {
        LocalTokens other = new LocalTokens(
                "another-secret-another-secret-xx".getBytes(StandardCharsets.UTF_8),
                LocalTokens.LOCAL_ISSUER,
                LocalTokens.LOCAL_AUDIENCE,
                clock);
        assertThatThrownBy(() -> tokens.verify(other.sign(claims()))).hasMessageContaining("signature");

        String[] parts = tokens.sign(claims()).split("\\.");
        Map<String, Object> escalated = claims();
        escalated.put("groups", List.of("operator"));
        String forgedPayload = tokens.sign(escalated).split("\\.")[1];
        assertThatThrownBy(() -> tokens.verify(parts[0] + "." + forgedPayload + "." + parts[2]))
                .hasMessageContaining("signature");
        assertThatThrownBy(() -> tokens.verify(parts[0] + "." + parts[1] + "."))
                .isInstanceOf(LocalTokens.InvalidTokenException.class);
        assertThatThrownBy(() -> tokens.verify(parts[0] + "." + parts[1] + ".!!!"))
                .isInstanceOf(LocalTokens.InvalidTokenException.class);
    }

    @Test
    void algNoneAndOtherAlgorithmsAreRefused() {
        String payload = tokens.sign(claims()).split("\\.")[1];
        for (String alg : List.of("none", "None", "HS512", "RS256")) {
            String header = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> tokens.verify(header + "." + payload + "."))
                    .as(alg)
                    .isInstanceOf(LocalTokens.InvalidTokenException.class);
            assertThatThrownBy(() -> tokens.verify(header + "." + payload + ".c2ln"))
                    .as(alg)
                    .hasMessageContaining("algorithm");
        }
    }

    @Test
    void wrongIssuerOrAudienceIsRefused() {
        Map<String, Object> claims = claims();
        claims.put("iss", "https://login.example.com/");
        assertThatThrownBy(() -> tokens.verify(tokens.sign(claims))).hasMessageContaining("issuer");

        Map<String, Object> audience = claims();
        audience.put("aud", "someone-else");
        assertThatThrownBy(() -> tokens.verify(tokens.sign(audience))).hasMessageContaining("audience");
        audience.put("aud", List.of("someone-else", LocalTokens.LOCAL_AUDIENCE));
        assertThat(tokens.verify(tokens.sign(audience))).containsEntry("sub", "u1");
    }

    @Test
    void notYetValidAndFutureIssuedTokensAreRefused() {
        Map<String, Object> claims = claims();
        claims.put("nbf", NOW.plusSeconds(10).getEpochSecond());
        assertThatThrownBy(() -> tokens.verify(tokens.sign(claims))).hasMessageContaining("not valid yet");
        Map<String, Object> future = claims();
        future.put("iat", NOW.plusSeconds(3600).getEpochSecond());
        assertThatThrownBy(() -> tokens.verify(tokens.sign(future))).hasMessageContaining("future");
    }

    @Test
    void garbageIsRefused() {
        for (String garbage : List.of("", "abc", "a.b", "a.b.c.d", "....", "%%%.%%%.%%%")) {
            assertThatThrownBy(() -> tokens.verify(garbage))
                    .as(garbage)
                    .isInstanceOf(LocalTokens.InvalidTokenException.class);
        }
        assertThatThrownBy(() -> tokens.verify(null)).isInstanceOf(LocalTokens.InvalidTokenException.class);
    }

    @Test
    void shortSecretsAreRefused() {
        assertThatThrownBy(() -> new LocalTokens("short".getBytes(StandardCharsets.UTF_8), "i", "a", clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(LocalTokens.randomSecret()).hasSize(LocalTokens.MIN_SECRET_BYTES);
    }
}
