package io.gatehouse.seam;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import io.gatehouse.enrich.EnrichmentProperties;
import io.gatehouse.enrich.VendorDirectoryApi;
import io.gatehouse.enrich.VendorHttp;
import io.gatehouse.enrich.VendorName;

/**
 * Names from Seam's API ({@code gatehouse.enrichment.seam.api-key}): {@code POST /devices/get} gives a device's
 * display name and its location (name and time zone), {@code POST /access_codes/get} an access code's name.
 * Authorization: Bearer &lt;api key&gt;.
 */
@Component
public class SeamDirectoryApi implements VendorDirectoryApi {

    private final VendorHttp http;
    private final EnrichmentProperties.VendorApi api;

    public SeamDirectoryApi(VendorHttp http, EnrichmentProperties properties) {
        this.http = http;
        this.api = properties.seam();
    }

    @Override
    public String name() {
        return "seam";
    }

    @Override
    public boolean configured() {
        return api.configured();
    }

    @Override
    public CompletableFuture<Optional<VendorName>> device(String deviceId) {
        return post("/devices/get", Map.of("device_id", deviceId)).thenApply(answer -> answer.map(root -> {
            JsonNode device = root.path("device");
            String name = firstOf(VendorHttp.text(device.path("display_name")),
                    VendorHttp.text(device.path("nickname")), VendorHttp.text(device.path("properties").path("name")));
            JsonNode location = device.path("location");
            return new VendorName(name, VendorHttp.text(location.path("location_name")),
                    VendorHttp.zone(location.path("timezone")));
        }));
    }

    @Override
    public CompletableFuture<Optional<VendorName>> accessCode(String accessCodeId) {
        return post("/access_codes/get", Map.of("access_code_id", accessCodeId)).thenApply(answer -> answer.map(
                root -> new VendorName(VendorHttp.text(root.path("access_code").path("name")), null, null)));
    }

    private CompletableFuture<Optional<JsonNode>> post(String path, Map<String, String> body) {
        return http.send(http.request(stripSlash(api.baseUrl()) + path)
                .header("Authorization", "Bearer " + api.apiKey())
                .header("Content-Type", "application/json")
                .POST(http.jsonBody(body))
                .build());
    }

    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String stripSlash(String url) {
        String base = url == null ? "https://connect.getseam.com" : url;
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
