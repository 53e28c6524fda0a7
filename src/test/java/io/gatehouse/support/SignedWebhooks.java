package io.gatehouse.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.svix.Webhook;

/**
 * Sends webhooks to a running Gatehouse the way each vendor does: Seam signed by Svix's own library, Verkada, UniFi
 * Access and Kisi with their HMAC headers, Tedee with its token; reads back the events stored. Secrets here are
 * test-only values.
 */
public final class SignedWebhooks {

    public static final String SEAM_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public static final String OTHER_SEAM_SECRET = "whsec_dGhpcyBpcyBhbm90aGVyIHNlY3JldCBrZXkhIQ==";
    public static final String VERKADA_SECRET = "verkada-test-secret";
    public static final String TEDEE_TOKEN = "tedee-test-token";
    public static final String API_TOKEN = "api-test-token";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public SignedWebhooks(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public HttpResponse<String> seam(String body) {
        return seam(body, SEAM_SECRET, Instant.now());
    }

    public HttpResponse<String> seam(String body, String secret, Instant signedAt) {
        return post("/webhooks/seam", body, seamHeaders(body, secret, signedAt));
    }

    public Map<String, String> seamHeaders(String body, String secret, Instant signedAt) {
        String id = "msg_" + UUID.randomUUID();
        try {
            String signature = new Webhook(secret).sign(id, signedAt.getEpochSecond(), body);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("svix-id", id);
            headers.put("svix-timestamp", String.valueOf(signedAt.getEpochSecond()));
            headers.put("svix-signature", signature);
            return headers;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> verkada(String body) {
        return verkada(body, VERKADA_SECRET, Instant.now());
    }

    /** Sends a signed Verkada webhook that must be accepted (202); returns the stored event's id. */
    public String verkadaAccepted(String body) {
        HttpResponse<String> response = verkada(body);
        if (response.statusCode() != 202) {
            throw new AssertionError("expected 202 for a Verkada webhook, got " + response.statusCode() + ": "
                    + response.body());
        }
        String marker = "\"eventId\":\"";
        int start = response.body().indexOf(marker);
        if (start < 0) {
            throw new AssertionError("no eventId in " + response.body());
        }
        start += marker.length();
        return response.body().substring(start, response.body().indexOf('"', start));
    }

    public HttpResponse<String> verkada(String body, String secret, Instant signedAt) {
        return post("/webhooks/verkada", body, verkadaHeaders(body.getBytes(StandardCharsets.UTF_8), secret,
                signedAt.getEpochSecond()));
    }

    /** Content-Type and Verkada-Signature for these exact bytes: HMAC-SHA256 of {@code body|ts}. */
    public static Map<String, String> verkadaHeaders(byte[] body, String secret, long ts) {
        byte[] signed = new byte[body.length + ("|" + ts).length()];
        System.arraycopy(body, 0, signed, 0, body.length);
        byte[] suffix = ("|" + ts).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(suffix, 0, signed, body.length, suffix.length);
        String signature = HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), signed));
        return Map.of("Content-Type", "application/json", "Verkada-Signature", ts + "|" + signature);
    }

    /** UniFi Access's {@code Signature}: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}. */
    public static String unifiSignature(String secret, String body, Instant signedAt) {
        long t = signedAt.getEpochSecond();
        return "t=" + t + ",v1=" + hmacSha256Hex(secret, t + "." + body);
    }

    /** Kisi's {@code X-Signature}: the hex HMAC-SHA256 of the body. */
    public static String kisiSignature(String secret, String body) {
        return hmacSha256Hex(secret, body);
    }

    /** The lower-case hex HMAC-SHA256 of the UTF-8 bytes of {@code message}, keyed with the secret's text. */
    public static String hmacSha256Hex(String secret, String message) {
        return HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8),
                message.getBytes(StandardCharsets.UTF_8)));
    }

    /** The event {@code GET /api/events/{id}} returns once it is normalized (with its raw payload). */
    public JsonNode awaitEvent(String id) {
        return await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(
                () -> json(get("/api/events/" + id, API_TOKEN)), event -> event.hasNonNull("type"));
    }

    public static JsonNode json(HttpResponse<String> reply) {
        try {
            return JSON.readTree(reply.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpResponse<String> tedee(String body) {
        return post("/webhooks/tedee?token=" + TEDEE_TOKEN, body, Map.of("Content-Type", "application/json"));
    }

    public HttpResponse<String> post(String path, String body, Map<String, String> headers) {
        return post(path, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    public HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    public HttpResponse<String> get(String path, String bearerToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return send(request.GET().build());
    }

    public HttpClient client() {
        return http;
    }

    public String baseUrl() {
        return baseUrl;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
