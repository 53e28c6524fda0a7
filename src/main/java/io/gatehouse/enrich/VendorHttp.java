package io.gatehouse.enrich;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

/**
 * The HTTP side of vendor lookups, shared by the vendors' {@link VendorDirectoryApi}s: one client, every request
 * bounded by {@code gatehouse.enrichment.timeout}. 2xx is the JSON answer; 404 and 400 mean the vendor does not
 * know the id (an answer, cached as unknown); anything else is a failure.
 */
@Component
public class VendorHttp {

    private final HttpClient client;
    private final ObjectMapper json;
    private final Duration timeout;

    public VendorHttp(ObjectMapper json, EnrichmentProperties properties) {
        this.json = json;
        this.timeout = properties.timeout();
        // HTTP/1.1: over plain http (a proxy, a test stub) the JDK's default HTTP/2 first tries an h2c upgrade on
        // GET requests, which some servers never answer; a small JSON lookup gains nothing from HTTP/2
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** A request builder for {@code url} with the lookup timeout set. */
    public HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(java.net.URI.create(url)).timeout(timeout).header("Accept", "application/json");
    }

    /** A JSON body for a POST. */
    public HttpRequest.BodyPublisher jsonBody(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CompletableFuture<Optional<JsonNode>> send(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(this::answer);
    }

    private Optional<JsonNode> answer(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 404 || status == 400) {
            return Optional.empty();
        }
        if (status < 200 || status > 299) {
            throw new IllegalStateException("HTTP " + status + " from " + response.uri().getHost());
        }
        try {
            return Optional.of(json.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON from " + response.uri().getHost(), e);
        }
    }

    /** The text at {@code node}, or null when absent or blank. */
    public static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.asText().isBlank() ? null : node.asText();
    }

    /** An IANA zone id as a vendor sends it; null when absent or not a zone. */
    public static java.time.ZoneId zone(JsonNode node) {
        String text = text(node);
        try {
            return text == null ? null : java.time.ZoneId.of(text);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
