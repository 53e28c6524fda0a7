package io.gatehouse.seam;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.gatehouse.inbox.VendorEvent;

/**
 * A Seam webhook: one flat object per event. Fields Seam sends for some event families only are null otherwise;
 * fields whose shape varies across families are kept as JSON nodes.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SeamEvent(
        @JsonProperty("event_id") String eventId,
        @JsonProperty("event_type") String eventType,
        @JsonProperty("occurred_at") String occurredAt,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("workspace_id") String workspaceId,
        @JsonProperty("connected_account_id") String connectedAccountId,
        @JsonProperty("device_id") String deviceId,
        @JsonProperty("access_code_id") String accessCodeId,
        @JsonProperty("action_attempt_id") String actionAttemptId,
        @JsonProperty("action_type") String actionType,
        @JsonProperty("status") String status,
        @JsonProperty("acs_system_id") String acsSystemId,
        @JsonProperty("acs_entrance_id") String acsEntranceId,
        @JsonProperty("acs_user_id") String acsUserId,
        @JsonProperty("user_identity_id") String userIdentityId,
        @JsonProperty("method") String method,
        @JsonProperty("is_via_bluetooth") Boolean viaBluetooth,
        @JsonProperty("is_via_nfc") Boolean viaNfc,
        @JsonProperty("reason") JsonNode reason,
        @JsonProperty("battery_level") JsonNode batteryLevel,
        @JsonProperty("error_code") String errorCode) implements VendorEvent {

    @Override
    public String vendorEventId() {
        return eventId;
    }

    /** Seam's event_id is stable across its retries; without one the svix-id of the delivery is used. */
    @Override
    public String deduplicationKey() {
        return eventId == null || eventId.isBlank() ? null : eventId;
    }

    /** {@code reason.reason_code} of a denied access, when Seam gives one. */
    public String reasonCode() {
        return reason != null && reason.hasNonNull("reason_code") ? reason.get("reason_code").asText() : null;
    }
}
