package com.supportdesk.local.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.supportdesk.api.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Local access tokens: compact JWS, HS256 only, signed with a secret that exists only on this machine.
 *
 * <p>Why nothing deployed accepts these tokens: the deployed HTTP API's JWT authorizer trusts only the
 * identity provider named by the {@code JwtIssuer} parameter. It fetches that issuer's public keys from its
 * OIDC discovery document ({@code /.well-known/openid-configuration} → {@code jwks_uri}) and accepts only
 * asymmetric signatures (RS256 and the like) made with those keys. A token signed with a shared HMAC secret
 * has no key in that set, and its issuer {@value #LOCAL_ISSUER} is not a URL any stack is deployed with, so
 * it fails both the signature and the issuer check. The local secret is generated per run (unless given)
 * and is never written to disk by the runner.
 *
 * <p>Verification follows what API Gateway's JWT authorizer checks: the signature, {@code exp} (required),
 * {@code nbf} and {@code iat} when present, the issuer and the audience. Only {@code alg: HS256} is
 * accepted, so {@code alg: none} and algorithm-confusion tokens are refused before any signature work.
 *
 * <p>Times are checked against real time, not the simulated clock: moving the simulated clock forward a
 * few days must not log the developer out, just as a real identity provider does not follow it.
 */
public final class LocalTokens {
    public static final String LOCAL_ISSUER = "support-desk-local";
    public static final String LOCAL_AUDIENCE = "support-desk";
    /** HS256 wants a key of at least 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};
    /** The largest token looked at; API Gateway's limit for the whole header is of this order. */
    private static final int MAX_TOKEN_CHARS = 8192;

    private final SecretKeySpec key;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    public LocalTokens(byte[] secret, String issuer, String audience, Clock clock) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("The local JWT secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
        this.issuer = Objects.requireNonNull(issuer);
        this.audience = Objects.requireNonNull(audience);
        this.clock = Objects.requireNonNull(clock);
    }

    /** A fresh random secret, for one run. */
    public static byte[] randomSecret() {
        byte[] secret = new byte[MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    /**
     * A token with the claims the deployed identity provider puts in: {@code sub}, {@code tenant_id} (when
     * given), {@code groups}, plus {@code iss}, {@code aud}, {@code iat}, {@code exp} and {@code jti}.
     */
    public String issue(String subject, String tenantId, Collection<String> groups, Duration validFor) {
        Instant now = clock.instant();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        if (tenantId != null) {
            claims.put("tenant_id", tenantId);
        }
        claims.put("groups", List.copyOf(groups));
        claims.put("iss", issuer);
        claims.put("aud", audience);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(validFor).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        return sign(claims);
    }

    /** Signs exactly these claims (tests use it to build expired or foreign tokens). */
    public String sign(Map<String, ?> claims) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "HS256");
        header.put("typ", "JWT");
        String signingInput = encode(header) + "." + encode(claims);
        return signingInput + "." + B64URL.encodeToString(mac(signingInput));
    }

    /**
     * The verified claims, in token order.
     *
     * @throws InvalidTokenException when anything is wrong; its message is for the local log only
     */
    public Map<String, Object> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            throw new InvalidTokenException("no token or an oversized one");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new InvalidTokenException("not a signed compact JWT");
        }
        Map<String, Object> header = decodeObject(parts[0], "header");
        if (!"HS256".equals(header.get("alg"))) {
            throw new InvalidTokenException("algorithm " + header.get("alg") + " is not accepted");
        }
        if (header.containsKey("crit")) {
            throw new InvalidTokenException("critical header extensions are not supported");
        }
        byte[] signature;
        try {
            signature = B64URL_DECODER.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("signature is not base64url");
        }
        byte[] expected = mac(parts[0] + "." + parts[1]);
        if (!MessageDigest.isEqual(expected, signature)) {
            throw new InvalidTokenException("bad signature");
        }
        Map<String, Object> claims = decodeObject(parts[1], "payload");
        long now = clock.instant().getEpochSecond();
        long exp = numericDate(claims, "exp").orElseThrow(() -> new InvalidTokenException("no exp claim"));
        if (now >= exp) {
            throw new InvalidTokenException("expired");
        }
        numericDate(claims, "nbf").ifPresent(nbf -> {
            if (now < nbf) {
                throw new InvalidTokenException("not valid yet");
            }
        });
        numericDate(claims, "iat").ifPresent(iat -> {
            if (iat > now + 60) {
                throw new InvalidTokenException("issued in the future");
            }
        });
        if (!issuer.equals(claims.get("iss"))) {
            throw new InvalidTokenException("issuer " + claims.get("iss") + " is not trusted");
        }
        Object aud = claims.get("aud");
        boolean audienceOk =
                aud instanceof String s ? s.equals(audience) : aud instanceof List<?> l && l.contains(audience);
        if (!audienceOk) {
            throw new InvalidTokenException("audience does not match");
        }
        return claims;
    }

    private static java.util.Optional<Long> numericDate(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value == null) {
            return java.util.Optional.empty();
        }
        if (value instanceof Number n) {
            return java.util.Optional.of(n.longValue());
        }
        throw new InvalidTokenException(name + " is not a number");
    }

    private byte[] mac(String signingInput) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String encode(Map<String, ?> json) {
        return B64URL.encodeToString(Json.write(json).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> decodeObject(String part, String what) {
        try {
            return Json.MAPPER.readValue(B64URL_DECODER.decode(part), OBJECT);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw new InvalidTokenException(what + " is not base64url JSON");
        } catch (java.io.IOException e) {
            throw new InvalidTokenException(what + " cannot be read");
        }
    }

    /** Any reason to refuse a token; API Gateway answers all of them with the same 401. */
    public static final class InvalidTokenException extends RuntimeException {
        public InvalidTokenException(String reason) {
            super(reason, null, false, false);
        }
    }
}
