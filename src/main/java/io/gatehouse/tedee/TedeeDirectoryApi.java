package io.gatehouse.tedee;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import io.gatehouse.enrich.EnrichmentProperties;
import io.gatehouse.enrich.VendorDirectoryApi;
import io.gatehouse.enrich.VendorHttp;
import io.gatehouse.enrich.VendorName;

/**
 * Names from Tedee's API ({@code gatehouse.enrichment.tedee.api-key}, a personal access key):
 * {@code GET /api/v1.32/my/lock/{id}} gives a lock's name and time zone. Authorization: PersonalKey &lt;key&gt;.
 * Tedee webhooks carry only a numeric deviceId; other device kinds (bridges, keypads) answer 404 and stay unnamed.
 */
@Component
public class TedeeDirectoryApi implements VendorDirectoryApi {

    private final VendorHttp http;
    private final EnrichmentProperties.VendorApi api;

    public TedeeDirectoryApi(VendorHttp http, EnrichmentProperties properties) {
        this.http = http;
        this.api = properties.tedee();
    }

    @Override
    public String name() {
        return "tedee";
    }

    @Override
    public boolean configured() {
        return api.configured();
    }

    @Override
    public CompletableFuture<Optional<VendorName>> device(String deviceId) {
        if (!deviceId.chars().allMatch(Character::isDigit)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        String base = api.baseUrl().replaceAll("/+$", "");
        return http.send(http.request(base + "/api/v1.32/my/lock/" + deviceId)
                        .header("Authorization", "PersonalKey " + api.apiKey())
                        .GET()
                        .build())
                .thenApply(answer -> answer.map(root -> {
                    JsonNode lock = root.path("result");
                    return new VendorName(VendorHttp.text(lock.path("name")), null,
                            VendorHttp.zone(lock.path("timeZone")));
                }));
    }
}
