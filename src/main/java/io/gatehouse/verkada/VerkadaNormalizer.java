package io.gatehouse.verkada;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.AccessEventBuilder;
import io.gatehouse.event.AccessMethod;
import io.gatehouse.event.EventType;
import io.gatehouse.event.Ref;
import io.gatehouse.inbox.InboxEntry;
import io.gatehouse.inbox.VendorEvent;
import io.gatehouse.normalize.Timestamps;
import io.gatehouse.normalize.VendorNormalizer;
import io.gatehouse.verkada.VerkadaWebhook.Data;

/**
 * Turns Verkada access-control notifications into canonical events. routes/normalize/verkada.camel.yaml picks the
 * method by notification family. {@code input_value} (possibly a PIN) is never copied into the canonical event.
 */
@Component
public class VerkadaNormalizer implements VendorNormalizer {

    private static final Pattern CREDENTIAL = Pattern.compile("^door_(.+)_(accepted|rejected)$");

    /** Credential kinds in Verkada's notification types, longest first so that prefixes do not shadow. */
    private static final Map<String, AccessMethod> CREDENTIAL_METHODS = Map.of(
            "keycard_entered", AccessMethod.CARD,
            "code_entered", AccessMethod.KEYCODE,
            "mobile_nfc", AccessMethod.NFC,
            "ble", AccessMethod.BLUETOOTH,
            "remote_unlock", AccessMethod.REMOTE,
            "mobile_unlock", AccessMethod.MOBILE,
            "button_press", AccessMethod.BUTTON,
            "rex", AccessMethod.BUTTON);

    private static final Set<String> ROUTINE_TYPES = Set.of("door_opened", "door_closed",
            "door_acu_online");

    private static final Map<String, EventType> DOOR_TYPES = Map.of(
            "door_opened", EventType.DOOR_OPENED,
            "door_closed", EventType.DOOR_CLOSED,
            "door_held_open", EventType.DOOR_HELD_OPEN,
            "door_forced_open", EventType.DOOR_FORCED_OPEN,
            "door_tailgating", EventType.DOOR_TAILGATING,
            "door_tamper", EventType.DEVICE_TAMPERED);

    @Override
    public String vendor() {
        return "verkada";
    }

    @Override
    public Class<? extends VendorEvent> payloadType() {
        return VerkadaWebhook.class;
    }

    /** Granted credentials, doors opening and closing, a controller back online; camera notifications. */
    @Override
    public boolean isRoutine(VendorEvent payload) {
        VerkadaWebhook webhook = (VerkadaWebhook) payload;
        String type = webhook.eventType();
        return !webhook.accessControl()
                || type != null && (ROUTINE_TYPES.contains(type) || type.startsWith("door_") && type.endsWith("_accepted"));
    }

    /** door_&lt;credential&gt;_accepted|rejected: a badge, code, phone or remote unlock, granted or denied. */
    public AccessEvent credential(InboxEntry entry) {
        Matcher matcher = CREDENTIAL.matcher(entry.vendorEventType());
        if (!matcher.matches()) {
            return unknown(entry);
        }
        return common(entry)
                .type(matcher.group(2).equals("accepted") ? EventType.ACCESS_GRANTED : EventType.ACCESS_DENIED)
                .method(CREDENTIAL_METHODS.getOrDefault(matcher.group(1), AccessMethod.UNKNOWN))
                .attribute("credential", matcher.group(1))
                .build();
    }

    /** Door position alarms and notices: opened, closed, held open, forced open, tailgating, tamper. */
    public AccessEvent doorActivity(InboxEntry entry) {
        return common(entry)
                .type(DOOR_TYPES.getOrDefault(entry.vendorEventType(), EventType.UNKNOWN))
                .build();
    }

    /** door_lockdown: a lockdown started or ended, as its lockdown_info says. */
    public AccessEvent lockdown(InboxEntry entry) {
        Data data = entry.payload(VerkadaWebhook.class).data();
        VerkadaWebhook.LockdownInfo lockdown = data.lockdownInfo();
        return common(entry)
                .type(lockdownEnded(lockdown) ? EventType.LOCKDOWN_ENDED : EventType.LOCKDOWN_STARTED)
                .method(AccessMethod.REMOTE)
                .attribute("lockdown_id", lockdown == null ? null : lockdown.lockdownId())
                .attribute("lockdown_name", lockdown == null ? null : lockdown.lockdownName())
                .attribute("lockdown_action", lockdown == null ? null : lockdown.action())
                .build();
    }

    /** door_apb_double_entry / _exit: a credential used twice in one direction (anti-passback). */
    public AccessEvent antiPassback(InboxEntry entry) {
        return common(entry)
                .type(EventType.ACCESS_ANTI_PASSBACK)
                .attribute("violation", entry.vendorEventType().replaceFirst("^door_apb_", ""))
                .build();
    }

    /** door_acu_offline / door_acu_online: the door controller lost or regained its connection. */
    public AccessEvent controllerConnection(InboxEntry entry) {
        return common(entry)
                .type(entry.vendorEventType().endsWith("_offline")
                        ? EventType.DEVICE_DISCONNECTED : EventType.DEVICE_CONNECTED)
                .build();
    }

    /** Camera notifications and access-control notifications Gatehouse does not map yet. */
    public AccessEvent unknown(InboxEntry entry) {
        return common(entry).type(EventType.UNKNOWN).build();
    }

    private static AccessEventBuilder common(InboxEntry entry) {
        VerkadaWebhook webhook = entry.payload(VerkadaWebhook.class);
        Data data = webhook.data();
        Long created = createdAsSent(webhook);
        AccessEventBuilder builder = new AccessEventBuilder(entry.id(), entry.vendor(), entry.receivedAt())
                .vendorEvent(entry.vendorEventId(), entry.vendorEventType())
                .occurredAt(Timestamps.fromEpochSeconds(created), created)
                .site(Ref.of(webhook.orgId(), null));
        if (data == null) {
            return builder;
        }
        VerkadaWebhook.DoorInfo door = data.doorInfo();
        VerkadaWebhook.UserInfo user = data.userInfo();
        String controllerId = door != null && door.acuId() != null ? door.acuId() : data.deviceId();
        return builder
                .door(Ref.of(data.doorId(), door == null ? null : door.name()))
                .device(Ref.device(controllerId, door == null ? null : door.acuName(),
                        webhook.accessControl() ? "access_controller" : data.deviceType()))
                .actor(user == null ? null : Ref.actor(user.userId(), user.displayName(), user.email()))
                .attribute("device_type", data.deviceType())
                .attribute("aux_input_id", data.auxInfo() == null ? null : data.auxInfo().auxInputId())
                .attribute("aux_input_name", data.auxInfo() == null ? null : data.auxInfo().auxInputName());
    }

    /** The event's time as Verkada sent it, in epoch seconds: data.created, else data.created_at, else created_at. */
    private static Long createdAsSent(VerkadaWebhook webhook) {
        Data data = webhook.data();
        if (data != null && data.created() != null) {
            return data.created();
        }
        if (data != null && data.createdAt() != null) {
            return data.createdAt();
        }
        return webhook.createdAt();
    }

    /** {@code enabled} decides when Verkada sends it; only without it do the words of the action. */
    private static boolean lockdownEnded(VerkadaWebhook.LockdownInfo lockdown) {
        if (lockdown == null) {
            return false;
        }
        if ("true".equalsIgnoreCase(lockdown.enabled()) || "false".equalsIgnoreCase(lockdown.enabled())) {
            return "false".equalsIgnoreCase(lockdown.enabled());
        }
        String action = lockdown.action() == null ? "" : lockdown.action().toLowerCase(java.util.Locale.ROOT);
        return java.util.Arrays.stream(action.split("[^a-z]+"))
                .anyMatch(word -> word.equals("ended") || word.equals("end") || word.equals("disabled")
                        || word.equals("cleared") || word.equals("lifted"));
    }
}
