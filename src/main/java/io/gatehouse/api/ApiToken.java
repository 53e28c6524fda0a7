package io.gatehouse.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The bearer token that guards /api. When none is configured, one is generated at start-up and logged once, so a
 * first run works without configuration and still never serves the API unauthenticated.
 */
@Component
public class ApiToken {

    private static final Logger LOG = LoggerFactory.getLogger(ApiToken.class);

    private final byte[] token;

    public ApiToken(ApiProperties properties) {
        String configured = properties.token();
        if (configured == null || configured.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            configured = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            LOG.warn("gatehouse.api.token is not set (GATEHOUSE_API_TOKEN); generated an API token for this run "
                    + "only: {}", configured);
        }
        this.token = configured.getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time check of a presented token. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }
}
