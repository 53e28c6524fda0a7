package io.gatehouse.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gatehouse.alerting.AlertQueries.AlertView;
import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.AccessEventBuilder;
import io.gatehouse.event.Enrichment;
import io.gatehouse.event.EventType;
import io.gatehouse.event.Ref;

class AlertTextTest {

    final AlertText text = new AlertText(null);   // facts and titles do not look at the rules
    /** Vendor text as sent: what each channel escapes is tested in SlackTextTest and PlainTextFieldTest. */
    static final java.util.function.UnaryOperator<String> AS_SENT = java.util.function.UnaryOperator.identity();

    static AccessEvent unlocked(ZoneId zone, Enrichment enrichment) {
        AccessEvent event = new AccessEventBuilder("e1", "seam", Instant.parse("2025-03-04T13:30:00Z"))
                .type(EventType.LOCK_UNLOCKED).occurredAt(Instant.parse("2025-03-04T13:30:00Z"))
                .device(Ref.device("3f2a9c", "Server Room lock", "lock")).door(Ref.of("server-room", "Server Room"))
                .site(Ref.of("hq", "HQ Berlin")).build();
        return event.withPlaces(event.device(), event.door(), event.site(), event.actor(), zone, Map.of())
                .withEnrichment(enrichment);
    }

    static Map<String, String> asMap(List<String[]> facts) {
        return facts.stream().collect(java.util.stream.Collectors.toMap(f -> f[0], f -> f[1]));
    }

    @Test
    void showsNamesFirstIdsSecondAndTheSiteInTheTitle() {
        AccessEvent event = unlocked(ZoneId.of("Europe/Berlin"), Enrichment.ENRICHED);

        Map<String, String> facts = asMap(text.facts(event, null, AS_SENT));

        assertThat(facts).containsEntry("Device", "Server Room lock (3f2a9c)")
                .containsEntry("Door", "Server Room (server-room)").containsEntry("Site", "HQ Berlin (hq)")
                .doesNotContainKey("Note");
        assertThat(text.title(new AlertView("a1", "r", "info", "door:server-room", 0, Instant.now(),
                List.of(event), List.of(), null), AS_SENT)).isEqualTo("Lock unlocked — Server Room, HQ Berlin");
    }

    @Test
    void showsTheTimeInTheRulesZoneElseTheSitesElseUtc() {
        assertThat(asMap(text.facts(unlocked(ZoneId.of("Asia/Tokyo"), Enrichment.ENRICHED),
                ZoneId.of("Europe/Berlin"), AS_SENT))).containsEntry("When", "2025-03-04 14:30:00 CET");
        assertThat(asMap(text.facts(unlocked(ZoneId.of("Asia/Tokyo"), Enrichment.ENRICHED), null, AS_SENT)))
                .containsEntry("When", "2025-03-04 22:30:00 JST");
        assertThat(asMap(text.facts(unlocked(null, Enrichment.NONE), null, AS_SENT)))
                .containsEntry("When", "2025-03-04 13:30:00 Z");
    }

    @Test
    void saysWhenAVendorLookupFailed() {
        assertThat(asMap(text.facts(unlocked(null, Enrichment.FAILED), null, AS_SENT))).containsEntry("Note",
                "the vendor's API failed or did not answer in time: some names may be missing");
    }
}
