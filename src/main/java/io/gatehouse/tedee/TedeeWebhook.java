package io.gatehouse.tedee;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.gatehouse.inbox.VendorEvent;

/**
 * A Tedee cloud webhook. Tedee sends one copy per connected user, identical but for {@code userIdentity}
 * (and the send {@code timestamp}), so neither takes part in the de-duplication key.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TedeeWebhook(
        @JsonProperty("event") String event,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("userIdentity") String userIdentity,
        @JsonProperty("data") Data data) implements VendorEvent {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(
            @JsonProperty("deviceId") Long deviceId,
            @JsonProperty("deviceType") Integer deviceType,
            @JsonProperty("eventTime") String eventTime,
            @JsonProperty("state") Integer state,
            @JsonProperty("doorState") Integer doorState,
            @JsonProperty("isConnected") Boolean isConnected,
            @JsonProperty("batteryLevel") Integer batteryLevel,
            @JsonProperty("isCharging") Boolean isCharging,
            @JsonProperty("name") String name,
            @JsonProperty("organizationId") Long organizationId) {
    }

    @Override
    public String eventType() {
        return event;
    }

    /** Tedee gives its events no id. */
    @Override
    public String vendorEventId() {
        return null;
    }

    /**
     * Event name, device, event time and the state it reports; never the user. Without a device and an event time
     * the payload cannot tell a copy from a new event, and the body's digest is used instead.
     */
    @Override
    public String deduplicationKey() {
        if (data == null || data.deviceId() == null || data.eventTime() == null) {
            return null;
        }
        return String.join("|", event, String.valueOf(data.deviceId()), data.eventTime(),
                String.valueOf(data.state()), String.valueOf(data.doorState()), String.valueOf(data.isConnected()),
                String.valueOf(data.batteryLevel()), String.valueOf(data.name()));
    }
}
