package io.gatehouse.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Vendor example payloads from src/test/resources/&lt;vendor&gt;/, made unique so each test owns its events. */
public final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    public static ObjectNode load(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Seam example with a fresh event_id. */
    public static ObjectNode seam(String eventType) {
        ObjectNode event = load("seam/" + eventType + ".json");
        event.put("event_id", UUID.randomUUID().toString());
        return event;
    }

    /** A Verkada example with a fresh webhook_id. */
    public static ObjectNode verkada(String notificationType) {
        ObjectNode event = load("verkada/" + notificationType + ".json");
        event.put("webhook_id", UUID.randomUUID().toString());
        return event;
    }

    /** A Tedee example for a device of its own, so that its de-duplication key is new. */
    public static ObjectNode tedee(String event) {
        ObjectNode webhook = load("tedee/" + event + ".json");
        ((ObjectNode) webhook.get("data")).put("deviceId", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
        return webhook;
    }

    /**
     * A fresh Verkada door-forced-open notification at this door, happening now: the event that the alert rules of
     * the process tests fire on, with the door id in the alert text to count deliveries by.
     */
    public static String verkadaForcedOpen(String doorId) {
        ObjectNode webhook = verkada("door_remote_unlock_accepted");
        ((ObjectNode) webhook.get("data")).put("notification_type", "door_forced_open").put("door_id", doorId)
                .put("created", java.time.Instant.now().getEpochSecond());
        return json(webhook);
    }

    /**
     * A fresh Verkada notification of this type at a door whose id and name are both {@code door}, happening now:
     * tests name a door of their own and find their alerts by it.
     */
    public static ObjectNode verkadaAtDoor(String notificationType, String door) {
        ObjectNode webhook = verkada("door_remote_unlock_accepted");
        ObjectNode data = (ObjectNode) webhook.get("data");
        data.put("notification_type", notificationType).put("door_id", door)
                .put("created", java.time.Instant.now().getEpochSecond());
        ((ObjectNode) data.get("door_info")).put("name", door);
        return webhook;
    }

    /** A fresh Verkada remote unlock at this door: a routine event (access granted) no shipped rule alerts on. */
    public static String verkadaRemoteUnlock(String doorId) {
        ObjectNode webhook = verkada("door_remote_unlock_accepted");
        ((ObjectNode) webhook.get("data")).put("door_id", doorId)
                .put("event_id", doorId + "-" + java.util.UUID.randomUUID());
        return json(webhook);
    }

    public static String json(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
