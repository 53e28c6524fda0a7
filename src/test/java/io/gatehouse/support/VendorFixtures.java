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
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gatehouse.inbox.InboxEntry;
import io.gatehouse.inbox.VendorEvent;
import io.gatehouse.ingress.InboxEntries;

/**
 * Vendor payloads from src/test/resources/&lt;vendor&gt;/, parsed with a plain ObjectMapper into the vendor's model
 * and turned into inbox entries the way the ingress route does.
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

    /** The inbox entry of the fixture {@code <vendor>/<name>.json}. */
    public static <T extends VendorEvent> InboxEntry fixture(String vendor, String name, Class<T> model) {
        return entry(vendor, text(vendor, name), model);
    }

    public static <T extends VendorEvent> InboxEntry entry(String vendor, ObjectNode payload, Class<T> model) {
        return entry(vendor, payload.toString(), model);
    }

    /** What routes/ingress/inbox.camel.yaml stores: the raw body, the parsed model, the de-duplication key. */
    public static <T extends VendorEvent> InboxEntry entry(String vendor, String rawBody, Class<T> model) {
        return new InboxEntries().create(parse(rawBody, model), vendor, rawBody.getBytes(StandardCharsets.UTF_8),
                RECEIVED_AT, null);
    }

    public static <T> T parse(String json, Class<T> model) {
        try {
            return JSON.readValue(json, model);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot parse as " + model.getSimpleName() + ": " + json, e);
        }
    }
}
