package io.gatehouse.enrich;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.gatehouse.enrich.DirectoryEntry.Kind;
import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.Enrichment;
import io.gatehouse.event.Ref;

/**
 * How names, places and zones are put to an event: the rules of enrichment in one place, without I/O.
 * The operator's directory wins over the vendor's names (it is what the people reading alerts call things); the
 * vendor's API only fills what is still missing.
 */
public final class EventNames {

    /** Seam's access code id, in the canonical event's attributes. */
    static final String ACCESS_CODE_ID = "access_code_id";
    static final String ACCESS_CODE_NAME = "access_code_name";
    /** The vendor's account-level site (Seam workspace, Verkada org) when the directory placed the event elsewhere. */
    static final String VENDOR_SITE_ID = "vendor_site_id";
    /** Where the vendor says a device is (Seam's device location name). */
    static final String LOCATION = "location";

    private EventNames() {
    }

    /**
     * Names from the directory. A device or credential entry places the event at its door and site when the
     * webhook names none; a site placed this way replaces the vendor's account-level site (a Seam workspace or
     * Verkada org often spans many buildings), which stays in {@code attributes.vendor_site_id}.
     */
    public static AccessEvent withDirectory(AccessEvent event, Directory directory) {
        Map<String, Object> attributes = new LinkedHashMap<>(event.attributes());
        Ref device = event.device();
        Ref door = event.door();
        Ref site = event.site();
        Ref actor = event.actor();
        String placedDoor = null;
        String placedSite = null;

        Optional<DirectoryEntry> deviceEntry = directory.find(Kind.DEVICE, id(device));
        if (deviceEntry.isPresent()) {
            device = named(device, deviceEntry.get().name());
            placedDoor = deviceEntry.get().door();
            placedSite = deviceEntry.get().site();
        }
        String accessCodeId = accessCodeId(event);
        Optional<DirectoryEntry> credential = directory.find(Kind.CREDENTIAL, accessCodeId);
        if (credential.isPresent()) {
            String name = credential.get().name();
            if (name != null) {
                attributes.put(ACCESS_CODE_NAME, name);
                actor = actor == null ? Ref.of(accessCodeId, name) : actor;
            }
            placedDoor = placedDoor != null ? placedDoor : credential.get().door();
            placedSite = placedSite != null ? placedSite : credential.get().site();
        }
        if (door == null && placedDoor != null) {
            door = Ref.of(placedDoor, null);
        }
        Optional<DirectoryEntry> doorEntry = directory.find(Kind.DOOR, id(door));
        if (doorEntry.isPresent()) {
            door = named(door, doorEntry.get().name());
            placedSite = placedSite != null ? placedSite : doorEntry.get().site();
        }
        if (placedSite != null && (site == null || !placedSite.equals(site.id()))) {
            if (site != null && site.id() != null) {
                attributes.put(VENDOR_SITE_ID, site.id());
            }
            site = Ref.of(placedSite, null);
        }
        ZoneId zone = event.zone();
        Optional<DirectoryEntry> siteEntry = directory.find(Kind.SITE, id(site));
        if (siteEntry.isPresent()) {
            site = named(site, siteEntry.get().name());
            zone = siteEntry.get().zone() != null ? siteEntry.get().zone() : zone;
        }
        Optional<DirectoryEntry> person = directory.find(Kind.PERSON, id(actor));
        if (person.isPresent()) {
            actor = named(actor, person.get().name());
        }
        return event.withPlaces(device, door, site, actor, zone, attributes);
    }

    /** Fills what the directory left unnamed from the vendor's answer; never overrides a name. */
    public static AccessEvent withVendorFacts(AccessEvent event, VendorFacts facts) {
        Map<String, Object> attributes = new LinkedHashMap<>(event.attributes());
        Ref device = event.device();
        Ref actor = event.actor();
        ZoneId zone = event.zone();
        if (facts.device() != null) {
            if (device != null && device.name() == null) {
                device = named(device, facts.device().name());
            }
            zone = zone != null ? zone : facts.device().zone();
            if (facts.device().location() != null) {
                attributes.putIfAbsent(LOCATION, facts.device().location());
            }
        }
        if (facts.accessCode() != null && facts.accessCode().name() != null) {
            attributes.putIfAbsent(ACCESS_CODE_NAME, facts.accessCode().name());
            actor = actor == null ? Ref.of(accessCodeId(event), facts.accessCode().name()) : actor;
        }
        return event.withPlaces(device, event.door(), event.site(), actor, zone, attributes);
    }

    /** Whether every id of the event has a name, some, none; or a lookup failed. */
    public static Enrichment status(AccessEvent event, boolean lookupFailed) {
        if (lookupFailed) {
            return Enrichment.FAILED;
        }
        int ids = 0;
        int named = 0;
        for (Ref ref : new Ref[] {event.device(), event.door(), event.site(), event.actor()}) {
            if (ref != null && ref.id() != null) {
                ids++;
                named += ref.name() != null ? 1 : 0;
            }
        }
        if (accessCodeId(event) != null) {
            ids++;
            named += event.attributes().get(ACCESS_CODE_NAME) != null ? 1 : 0;
        }
        if (named == ids) {
            return Enrichment.ENRICHED;
        }
        return named == 0 ? Enrichment.NONE : Enrichment.PARTIAL;
    }

    /** The device id to ask the vendor about: when the device has no name yet, or the event no zone. */
    static String deviceToLookUp(AccessEvent event) {
        Ref device = event.device();
        if (device == null || device.id() == null) {
            return null;
        }
        return device.name() == null || event.zone() == null ? device.id() : null;
    }

    /** The access code id to ask the vendor about, while it has no name. */
    static String accessCodeToLookUp(AccessEvent event) {
        return event.attributes().get(ACCESS_CODE_NAME) == null ? accessCodeId(event) : null;
    }

    private static String accessCodeId(AccessEvent event) {
        Object value = event.attributes().get(ACCESS_CODE_ID);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static String id(Ref ref) {
        return ref == null ? null : ref.id();
    }

    private static Ref named(Ref ref, String name) {
        return name == null ? ref : new Ref(ref.id(), name, ref.kind(), ref.email());
    }
}
