package io.gatehouse.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gatehouse.support.GatehouseProcess;
import io.gatehouse.support.SignedWebhooks;

/**
 * A vendor added without Java and without a rebuild: its definition file in a folder named by GATEHOUSE_VENDORS_DIR,
 * its secret in GATEHOUSE_VENDORS_ACME_SECRET, the packaged jar started as it ships, a rule naming the new vendor.
 */
class VendorDefinedAsFileIT {

    static final String SECRET = "acme-webhook-secret";
    static final String DEFINITION = """
            # Acme Doors: HMAC-SHA256 of the body, hex, in X-Acme-Signature; no timestamp.
            name: acme
            origin:
              scheme: hmac
              header: X-Acme-Signature
              algorithm: sha256
              encoding: hex
            event-type: kind
            event-id: id
            dedup-key: id
            fields:
              occurred-at: { value: at, format: epoch-millis }
              door: { id: door.ref, name: door.label }
              site: { id: site }
              actor: { id: holder.badge, name: holder.name }
              method: { value: via, map: { badge: card, pin: keycode } }
              attributes:
                reader: door.reader
            types:
              - { vendor-type: door.forced, canonical: door.forced_open }
              - { vendor-type: "entry.*", when: 'result = "ok"', canonical: access.granted, routine: true }
              - { vendor-type: "entry.*", canonical: access.denied }
            """;
    static final String FORCED = """
            {"kind":"door.forced","id":"acme-1","at":1767268800250,"site":"hq",
             "door":{"ref":"d-7","label":"Loading Dock","reader":"r-2"},"holder":{"badge":"b-9","name":"Ada"},
             "via":"badge"}""";

    private static final ObjectMapper JSON = new ObjectMapper();

    GatehouseProcess gatehouse;

    @AfterEach
    void stop() throws InterruptedException {
        if (gatehouse != null) {
            gatehouse.kill();
        }
    }

    @Test
    void servesAVendorDefinedInTheOperatorsFolder() throws Exception {
        Path work = Files.createTempDirectory("gatehouse-acme");
        Path vendors = Files.createDirectories(work.resolve("vendors"));
        Files.writeString(vendors.resolve("acme.yaml"), DEFINITION);
        gatehouse = new GatehouseProcess(work, List.of(
                "--gatehouse.channels.log.console.logger=gatehouse.alerts",
                "--gatehouse.rules[0].name=acme-door-forced",
                "--gatehouse.rules[0].match.types[0]=door.forced_open",
                "--gatehouse.rules[0].match.vendors[0]=acme",
                "--gatehouse.rules[0].notify[0]=log:console"))
                .environment(Map.of("GATEHOUSE_VENDORS_DIR", vendors.toString(),
                        "GATEHOUSE_VENDORS_ACME_SECRET", SECRET))
                .start();
        SignedWebhooks http = new SignedWebhooks(gatehouse.port());

        HttpResponse<String> accepted = post(http, FORCED, sign(FORCED, SECRET));
        HttpResponse<String> again = post(http, FORCED, sign(FORCED, SECRET));
        String forged = FORCED.replace("Loading Dock", "Front Door");
        HttpResponse<String> wrongKey = post(http, forged, sign(forged, "guessed-secret"));
        HttpResponse<String> unsigned = http.post("/webhooks/acme", FORCED, Map.of("Content-Type", "application/json"));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String eventId = JSON.readTree(accepted.body()).get("eventId").asText();
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("status").asText()).isEqualTo("duplicate");
        assertThat(JSON.readTree(again.body()).get("eventId").asText()).isEqualTo(eventId);
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrongKey.body()).get("error").asText()).isEqualTo("invalid_signature");
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(unsigned.body()).get("error").asText()).isEqualTo("missing_signature");

        JsonNode event = await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(
                () -> JSON.readTree(http.get("/api/events/" + eventId, SignedWebhooks.API_TOKEN).body()),
                found -> "door.forced_open".equals(found.path("type").asText()));
        assertThat(event.path("vendor").asText()).isEqualTo("acme");
        assertThat(event.path("vendorEventId").asText()).isEqualTo("acme-1");
        assertThat(event.path("occurredAt").asText()).isEqualTo("2026-01-01T12:00:00.250Z");
        assertThat(event.at("/door/id").asText()).isEqualTo("d-7");
        assertThat(event.at("/door/name").asText()).isEqualTo("Loading Dock");
        assertThat(event.at("/site/id").asText()).isEqualTo("hq");
        assertThat(event.at("/actor/id").asText()).isEqualTo("b-9");
        assertThat(event.path("method").asText()).isEqualTo("card");
        assertThat(event.at("/attributes/reader").asText()).isEqualTo("r-2");
        JsonNode stored = JSON.readTree(http.get("/api/events?vendor=acme", SignedWebhooks.API_TOKEN).body());
        assertThat(stored.path("count").asInt()).isEqualTo(1);
        HttpResponse<String> undefined = http.get("/api/events?vendor=acmee", SignedWebhooks.API_TOKEN);
        assertThat(undefined.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(undefined.body()).get("error").asText()).isEqualTo("unknown_vendor");

        JsonNode alerts = await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(
                () -> JSON.readTree(http.get("/api/alerts?event=" + eventId, SignedWebhooks.API_TOKEN).body()),
                found -> found.path("count").asInt() == 1);
        assertThat(alerts.at("/alerts/0/rule").asText()).isEqualTo("acme-door-forced");
        JsonNode vendorList = JSON.readTree(http.get("/api/vendors", SignedWebhooks.API_TOKEN).body());
        assertThat(vendorList.findValuesAsText("name"))
                .containsExactly("acme", "genea", "kisi", "nuki", "seam", "tedee", "unifi", "verkada");
        assertThat(Files.readString(gatehouse.log())).doesNotContain(SECRET);
    }

    @Test
    void refusesToStartWithADefinitionThatCannotWork() throws Exception {
        Path work = Files.createTempDirectory("gatehouse-acme-bad");
        Path vendors = Files.createDirectories(work.resolve("vendors"));
        Files.writeString(vendors.resolve("acme.yaml"), DEFINITION.replace("canonical: door.forced_open",
                "canonical: door.forced"));
        gatehouse = new GatehouseProcess(work, List.of())
                .environment(Map.of("GATEHOUSE_VENDORS_DIR", vendors.toString())).launch();

        assertThat(gatehouse.awaitExit(Duration.ofMinutes(3))).isNotZero();
        assertThat(Files.readString(gatehouse.log())).contains("APPLICATION FAILED TO START").contains(
                vendors.resolve("acme.yaml") + ": types[0].canonical: 'door.forced' is not a canonical type (did you "
                        + "mean door.forced_open?)");
    }

    private static HttpResponse<String> post(SignedWebhooks http, String body, String signature) {
        return http.post("/webhooks/acme", body, Map.of("Content-Type", "application/json",
                "X-Acme-Signature", signature));
    }

    private static String sign(String body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
