package io.gatehouse.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gatehouse.enrich.DirectoryEntry.Kind;
import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.AccessEventBuilder;
import io.gatehouse.event.Enrichment;
import io.gatehouse.event.EventType;
import io.gatehouse.event.Ref;

class EventNamesTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    static final Directory DIRECTORY = Directory.of(List.of(
            entry(Kind.SITE, "hq", "HQ Berlin", null, null, BERLIN),
            entry(Kind.SITE, "ws_1", "Seam workspace", null, null, NEW_YORK),
            entry(Kind.DOOR, "door-1", "Server Room", null, "hq"),
            entry(Kind.DOOR, "door-2", "Lobby", null, null),
            entry(Kind.DEVICE, "lock-1", "Server Room lock", "door-1", "hq"),
            entry(Kind.DEVICE, "lock-2", "Lobby lock", "door-2", null),
            entry(Kind.DEVICE, "lock-3", "Loose lock", null, null),
            entry(Kind.CREDENTIAL, "code-1", "Cleaning crew", "door-2", "hq"),
            entry(Kind.PERSON, "user-1", "Jane Doe", null, null)));

    static DirectoryEntry entry(Kind kind, String id, String name, String door, String site) {
        return entry(kind, id, name, door, site, null);
    }

    static DirectoryEntry entry(Kind kind, String id, String name, String door, String site, ZoneId zone) {
        return new DirectoryEntry(kind, id, name, door, site, zone, "test");
    }

    static AccessEventBuilder seam() {
        return new AccessEventBuilder("e1", "seam", Instant.parse("2025-03-04T12:00:00Z"))
                .type(EventType.LOCK_UNLOCKED).site(Ref.of("ws_1", null));
    }

    @Test
    void aKnownDevicePlacesTheEventAtItsDoorAndSiteWithTheSitesZone() {
        AccessEvent event = EventNames.withDirectory(seam().device(Ref.device("lock-1", null, "lock")).build(),
                DIRECTORY);

        assertThat(event.device()).isEqualTo(Ref.device("lock-1", "Server Room lock", "lock"));
        assertThat(event.door()).isEqualTo(Ref.of("door-1", "Server Room"));
        assertThat(event.site()).isEqualTo(Ref.of("hq", "HQ Berlin"));
        assertThat(event.zone()).isEqualTo(BERLIN);
        assertThat(event.attributes()).containsEntry("vendor_site_id", "ws_1");
        assertThat(EventNames.status(event, false)).isEqualTo(Enrichment.ENRICHED);
    }

    @Test
    void aDeviceWithoutSiteTakesItsDoorsSiteElseKeepsTheVendorsSite() {
        AccessEvent lobby = EventNames.withDirectory(seam().device(Ref.of("lock-2", null)).build(), DIRECTORY);
        assertThat(lobby.door()).isEqualTo(Ref.of("door-2", "Lobby"));
        assertThat(lobby.site()).isEqualTo(Ref.of("ws_1", "Seam workspace"));
        assertThat(lobby.zone()).isEqualTo(NEW_YORK);
        assertThat(lobby.attributes()).doesNotContainKey("vendor_site_id");

        AccessEvent loose = EventNames.withDirectory(seam().device(Ref.of("lock-3", null)).build(), DIRECTORY);
        assertThat(loose.door()).isNull();
        assertThat(loose.site()).isEqualTo(Ref.of("ws_1", "Seam workspace"));
    }

    @Test
    void theDoorInTheWebhookWinsOverTheDevicesDoorButTheDirectoryNamesWin() {
        AccessEvent event = EventNames.withDirectory(new AccessEventBuilder("e2", "verkada", Instant.now())
                .type(EventType.DOOR_OPENED).door(Ref.of("door-2", "Verkada's name"))
                .device(Ref.of("lock-1", "Verkada ACU")).build(), DIRECTORY);

        assertThat(event.door()).isEqualTo(Ref.of("door-2", "Lobby"));
        assertThat(event.device()).isEqualTo(Ref.of("lock-1", "Server Room lock"));
        assertThat(event.site()).isEqualTo(Ref.of("hq", "HQ Berlin"));
    }

    @Test
    void anAccessCodeNamesWhoUsedItAndPlacesTheEvent() {
        AccessEvent event = EventNames.withDirectory(seam().device(Ref.of("unknown-lock", null))
                .attribute("access_code_id", "code-1").build(), DIRECTORY);

        assertThat(event.actor()).isEqualTo(Ref.of("code-1", "Cleaning crew"));
        assertThat(event.attributes()).containsEntry("access_code_name", "Cleaning crew");
        assertThat(event.door()).isEqualTo(Ref.of("door-2", "Lobby"));
        assertThat(event.site()).isEqualTo(Ref.of("hq", "HQ Berlin"));
        // the device is not known: not every id has a name
        assertThat(EventNames.status(event, false)).isEqualTo(Enrichment.PARTIAL);
    }

    @Test
    void aKnownPersonIsNamedAndKeepsTheActorOverTheAccessCode() {
        AccessEvent event = EventNames.withDirectory(seam().actor(Ref.actor("user-1", null, null))
                .attribute("access_code_id", "code-1").build(), DIRECTORY);

        assertThat(event.actor()).isEqualTo(Ref.of("user-1", "Jane Doe"));
        assertThat(event.attributes()).containsEntry("access_code_name", "Cleaning crew");
    }

    @Test
    void unknownIdsStayAsTheyAre() {
        AccessEvent original = seam().site(Ref.of("other-ws", null)).device(Ref.of("nobody-knows", null)).build();

        AccessEvent event = EventNames.withDirectory(original, DIRECTORY);

        assertThat(event.device()).isEqualTo(original.device());
        assertThat(event.site()).isEqualTo(original.site());
        assertThat(event.zone()).isNull();
        assertThat(EventNames.status(event, false)).isEqualTo(Enrichment.NONE);
        assertThat(EventNames.status(event, true)).isEqualTo(Enrichment.FAILED);
    }

    @Test
    void vendorFactsFillOnlyWhatIsMissing() {
        AccessEvent unnamed = seam().device(Ref.of("d9", null)).attribute("access_code_id", "c9").build();
        VendorFacts facts = new VendorFacts(new VendorName("Front Door", "12 Main St", NEW_YORK),
                new VendorName("Guest Anna", null, null), false);

        AccessEvent event = EventNames.withVendorFacts(unnamed, facts);

        assertThat(event.device()).isEqualTo(Ref.of("d9", "Front Door"));
        assertThat(event.zone()).isEqualTo(NEW_YORK);
        assertThat(event.attributes()).containsEntry("location", "12 Main St")
                .containsEntry("access_code_name", "Guest Anna");
        assertThat(event.actor()).isEqualTo(Ref.of("c9", "Guest Anna"));

        AccessEvent directoryNamed = EventNames.withDirectory(seam().device(Ref.of("lock-1", null)).build(),
                DIRECTORY);
        AccessEvent kept = EventNames.withVendorFacts(directoryNamed, facts);
        assertThat(kept.device().name()).isEqualTo("Server Room lock");
        assertThat(kept.zone()).isEqualTo(BERLIN);
    }

    @Test
    void asksTheVendorOnlyForADeviceWithoutNameOrZoneAndAnUnnamedAccessCode() {
        assertThat(EventNames.deviceToLookUp(seam().device(Ref.of("d9", null)).build())).isEqualTo("d9");
        AccessEvent namedButNoZone = seam().device(Ref.of("d9", "Named")).build();
        assertThat(EventNames.deviceToLookUp(namedButNoZone)).isEqualTo("d9");
        AccessEvent known = EventNames.withDirectory(seam().device(Ref.of("lock-1", null))
                .attribute("access_code_id", "code-1").build(), DIRECTORY);
        assertThat(EventNames.deviceToLookUp(known)).isNull();
        assertThat(EventNames.accessCodeToLookUp(known)).isNull();
        assertThat(EventNames.accessCodeToLookUp(seam().attribute("access_code_id", "c9").build())).isEqualTo("c9");
        assertThat(EventNames.deviceToLookUp(seam().build())).isNull();
    }

    @Test
    void anEventWithoutIdsIsEnriched() {
        AccessEvent event = new AccessEventBuilder("e3", "tedee", Instant.now()).type(EventType.UNKNOWN).build();

        assertThat(EventNames.status(event, false)).isEqualTo(Enrichment.ENRICHED);
    }
}
