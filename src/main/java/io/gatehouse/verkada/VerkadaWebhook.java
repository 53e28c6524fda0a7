package io.gatehouse.verkada;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.gatehouse.inbox.VendorEvent;

/**
 * A Verkada notification webhook. Access-control and camera notifications share this envelope;
 * {@code data.device_type} tells them apart.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VerkadaWebhook(
        @JsonProperty("org_id") String orgId,
        @JsonProperty("webhook_type") String webhookType,
        @JsonProperty("webhook_id") String webhookId,
        @JsonProperty("created_at") Long createdAt,
        @JsonProperty("data") Data data) implements VendorEvent {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(
            @JsonProperty("event_id") String eventId,
            @JsonProperty("device_id") String deviceId,
            @JsonProperty("device_type") String deviceType,
            @JsonProperty("created") Long created,
            @JsonProperty("created_at") Long createdAt,
            @JsonProperty("notification_type") String notificationType,
            @JsonProperty("door_id") String doorId,
            /** May hold an entered PIN: never logged, never put in an attribute or an alert. */
            @JsonProperty("input_value") String inputValue,
            @JsonProperty("aux_info") AuxInfo auxInfo,
            @JsonProperty("user_info") UserInfo userInfo,
            @JsonProperty("lockdown_info") LockdownInfo lockdownInfo,
            @JsonProperty("door_info") DoorInfo doorInfo) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AuxInfo(@JsonProperty("aux_input_id") String auxInputId,
                          @JsonProperty("aux_input_name") String auxInputName) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UserInfo(@JsonProperty("user_id") String userId,
                           @JsonProperty("name") String name,
                           @JsonProperty("email") String email,
                           @JsonProperty("first_name") String firstName,
                           @JsonProperty("last_name") String lastName,
                           @JsonProperty("phone") String phone) {

        public String displayName() {
            if (name != null && !name.isBlank()) {
                return name;
            }
            String joined = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
            return joined.isEmpty() ? null : joined;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LockdownInfo(@JsonProperty("lockdown_id") String lockdownId,
                               @JsonProperty("lockdown_name") String lockdownName,
                               @JsonProperty("message") String message,
                               @JsonProperty("action") String action,
                               @JsonProperty("enabled") String enabled) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DoorInfo(@JsonProperty("acu_name") String acuName,
                           @JsonProperty("acu_id") String acuId,
                           @JsonProperty("name") String name) {
    }

    /** The notification type of the data object, else the envelope's webhook type. */
    @Override
    public String eventType() {
        if (data != null && data.notificationType() != null && !data.notificationType().isBlank()) {
            return data.notificationType();
        }
        return webhookType;
    }

    @Override
    public String vendorEventId() {
        return data != null && data.eventId() != null && !data.eventId().isBlank() ? data.eventId() : webhookId;
    }

    /** Verkada signs each retry anew but keeps the event id (else the webhook id) stable. */
    @Override
    public String deduplicationKey() {
        return vendorEventId();
    }

    /** True for access-control notifications; camera and other notifications are stored as unknown. */
    public boolean accessControl() {
        return data != null && "access_control".equals(data.deviceType());
    }
}
