package io.gatehouse.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gatehouse.definitions.VendorCatalog;
import io.gatehouse.definitions.VendorsProperties;
import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.EventsProperties;
import io.gatehouse.inbox.InboxEntry;
import io.gatehouse.ingress.InboxEntries;
import io.gatehouse.normalize.CanonicalMapper;

/**
 * Vendor payloads from src/test/resources/&lt;vendor&gt;/, turned into inbox entries the way the ingress route
 * does and normalized the way the normalize route does, by the shipped vendor definitions.
 */
public final class VendorFixtures {

    public static final Instant RECEIVED_AT = Instant.parse("2025-06-01T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private VendorFixtures() {
    }

    /** The fixture file names (without .json) of one vendor, sorted. */
    public static List<String> names(String vendor) {
        URL folder = VendorFixtures.class.getResource("/" + vendor);
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .map(name -> name.substring(0, name.length() - ".json".length()))
                    .sorted()
                    .toList();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the fixtures of " + vendor, e);
        }
    }

    public static String text(String vendor, String name) {
        String resource = "/" + vendor + "/" + name + ".json";
        try (InputStream in = VendorFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture as a tree, for tests that change one field of a real payload. */
    public static ObjectNode tree(String vendor, String name) {
        try {
            return (ObjectNode) JSON.readTree(text(vendor, name));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("fixture " + vendor + "/" + name + " is not JSON", e);
        }
    }

    /** The shipped vendor definitions, as application.yaml configures them. */
    public static VendorCatalog catalog() {
        return SHIPPED;
    }

    public static VendorCatalog catalog(VendorsProperties properties) {
        return catalog(properties, 20);
    }

    /** The shipped definitions with another {@code gatehouse.events.battery-low-below}. */
    public static VendorCatalog catalog(VendorsProperties properties, int batteryLowBelow) {
        try {
            return new VendorCatalog(properties, new EventsProperties(Map.of(), batteryLowBelow));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final VendorCatalog SHIPPED = catalog(new VendorsProperties(Map.of(), null));

    /** The inbox entry of the fixture {@code <vendor>/<name>.json}. */
    public static InboxEntry fixture(String vendor, String name) {
        return entry(vendor, text(vendor, name));
    }

    public static InboxEntry entry(String vendor, ObjectNode payload) {
        return entry(vendor, payload.toString());
    }

    /** What routes/ingress/inbox.camel.yaml stores: the raw body, the parsed payload, the de-duplication key. */
    public static InboxEntry entry(String vendor, String rawBody) {
        return new InboxEntries(SHIPPED).create(parse(rawBody), vendor, rawBody.getBytes(StandardCharsets.UTF_8),
                RECEIVED_AT, null);
    }

    /** What routes/normalize/normalize.camel.yaml makes of a stored event, by the shipped definitions. */
    public static AccessEvent normalize(InboxEntry entry) {
        return normalize(entry, SHIPPED);
    }

    public static AccessEvent normalize(InboxEntry entry, VendorCatalog catalog) {
        CanonicalMapper mapper = new CanonicalMapper(catalog);
        return mapper.map(entry, mapper.classify(entry));
    }

    /**
     * Waits until the clock is well inside a window of the vendor definition's {@code dedup-window} (15 s from its
     * end at least), so that a test's redelivery a moment later falls in the same window as the delivery.
     */
    public static void awaitWellInsideDedupWindow(java.time.Duration window) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(200)).until(() -> {
                    long into = Instant.now().getEpochSecond() % window.toSeconds();
                    return window.toSeconds() - into > 15;
                });
    }

    /** The stored payload as a tree, for assertions on what the vendor sent. */
    public static JsonNode payload(InboxEntry entry) {
        try {
            return JSON.readTree(entry.rawBody());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot parse: " + json, e);
        }
    }
}
