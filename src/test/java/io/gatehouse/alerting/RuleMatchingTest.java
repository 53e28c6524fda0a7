package io.gatehouse.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.gatehouse.alerting.RulesProperties.Match;
import io.gatehouse.alerting.RulesProperties.RuleDefinition;
import io.gatehouse.alerting.RulesProperties.Window;
import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.AccessEventBuilder;
import io.gatehouse.event.AccessMethod;
import io.gatehouse.event.EventType;
import io.gatehouse.event.Ref;
import io.gatehouse.event.Severity;

class RuleMatchingTest {

    static final RuleCompiler COMPILER = new RuleCompiler(Set.of("seam", "tedee", "verkada"),
            Set.of("slack:security", "email:soc"));

    static Rule rule(Match match) {
        RuleDefinition definition = new RuleDefinition();
        definition.setName("test-rule");
        definition.setMatch(match);
        definition.setNotify(List.of("slack:security"));
        return COMPILER.compile(List.of(definition)).get(0);
    }

    static Match types(String... types) {
        return new Match(List.of(types), null, null, null, null, null, null, null, null, null);
    }

    static AccessEventBuilder event(EventType type) {
        return new AccessEventBuilder("e1", "verkada", Instant.parse("2025-03-04T12:00:00Z")).type(type);
    }

    @Test
    void matchesAFamilyOfTypesWithAWildcard() {
        Rule rule = rule(types("lock.*"));

        assertThat(rule.matches(event(EventType.LOCK_UNLOCKED).build())).isTrue();
        assertThat(rule.matches(event(EventType.LOCK_JAMMED).build())).isTrue();
        assertThat(rule.matches(event(EventType.LOCKDOWN_STARTED).build())).isFalse();
        assertThat(rule.matches(event(EventType.ACCESS_DENIED).build())).isFalse();
    }

    @Test
    void matchesVendorsMinimumSeverityMethodsAndOutcomes() {
        Rule rule = rule(new Match(List.of("*"), List.of("verkada"), "warning", null, null, null,
                List.of("card", "keycode"), List.of("denied"), null, null));

        AccessEvent denied = event(EventType.ACCESS_DENIED).method(AccessMethod.CARD).build();
        assertThat(rule.matches(denied)).isTrue();
        assertThat(rule.matches(denied.withSeverity(Severity.INFO))).isFalse();
        assertThat(rule.matches(denied.withSeverity(Severity.CRITICAL))).isTrue();
        assertThat(rule.matches(event(EventType.ACCESS_DENIED).method(AccessMethod.REMOTE).build())).isFalse();
        assertThat(rule.matches(event(EventType.ACCESS_GRANTED).method(AccessMethod.CARD).build()
                .withSeverity(Severity.WARNING))).isFalse();
        assertThat(rule.matches(new AccessEventBuilder("e2", "seam", Instant.now()).type(EventType.ACCESS_DENIED)
                .method(AccessMethod.CARD).build())).isFalse();
    }

    @Test
    void matchesDoorsBySomeGlobOnIdOrNameIgnoringCase() {
        Rule rule = rule(new Match(null, null, null, List.of("server room*", "door-9?"), null, null, null, null,
                null, null));

        assertThat(rule.matches(event(EventType.DOOR_OPENED).door(Ref.of("d1", "Server Room B")).build())).isTrue();
        assertThat(rule.matches(event(EventType.DOOR_OPENED).door(Ref.of("door-91", "Lobby")).build())).isTrue();
        assertThat(rule.matches(event(EventType.DOOR_OPENED).door(Ref.of("door-911", "Lobby")).build())).isFalse();
        assertThat(rule.matches(event(EventType.DOOR_OPENED).build())).isFalse();
    }

    @Test
    void anEmptyMatchMatchesEveryEvent() {
        Rule rule = rule(new Match(null, null, null, null, null, null, null, null, null, null));

        assertThat(rule.matches(event(EventType.UNKNOWN).build())).isTrue();
    }

    @Test
    void outsideHoursUsesTheWindowsZone() {
        Rule rule = rule(new Match(List.of("lock.unlocked"), null, null, null, null, null, null, null,
                new Window("Europe/Berlin", "MON-FRI", "07:00", "19:00"), null));

        // Tuesday 2025-03-04: 05:30 UTC is 06:30 in Berlin, before opening
        assertThat(rule.matches(at("2025-03-04T05:30:00Z"))).isTrue();
        assertThat(rule.matches(at("2025-03-04T06:30:00Z"))).isFalse();
        assertThat(rule.matches(at("2025-03-04T17:59:00Z"))).isFalse();
        assertThat(rule.matches(at("2025-03-04T18:00:00Z"))).isTrue();
        // Saturday noon is outside MON-FRI whatever the hour
        assertThat(rule.matches(at("2025-03-08T12:00:00Z"))).isTrue();
        assertThat(rule.zone().getId()).isEqualTo("Europe/Berlin");
    }

    @Test
    void aWindowWithoutZoneIsReadInTheEventsSiteZoneElseInUtc() {
        Rule rule = rule(new Match(List.of("lock.unlocked"), null, null, null, null, null, null, null,
                new Window(null, "MON-FRI", "07:00", "19:00"), null));

        // Tuesday 2025-03-04 13:30 UTC: 08:30 in New York (open), 22:30 in Tokyo (closed), 13:30 UTC (open)
        AccessEvent unlocked = at("2025-03-04T13:30:00Z");
        assertThat(rule.matches(inZone(unlocked, "America/New_York"))).isFalse();
        assertThat(rule.matches(inZone(unlocked, "Asia/Tokyo"))).isTrue();
        assertThat(rule.matches(unlocked)).isFalse();
        // 11:30 UTC is 06:30 in New York: before opening there, within hours in UTC
        assertThat(rule.matches(inZone(at("2025-03-04T11:30:00Z"), "America/New_York"))).isTrue();
        assertThat(rule.matches(at("2025-03-04T11:30:00Z"))).isFalse();
        assertThat(rule.zone()).isNull();
    }

    @Test
    void aWindowWithAZoneIgnoresTheSiteZone() {
        Rule rule = rule(new Match(List.of("lock.unlocked"), null, null, null, null, null, null, null,
                new Window("Europe/Berlin", "MON-FRI", "07:00", "19:00"), null));

        // 13:30 UTC is 14:30 in Berlin: within hours, wherever the site is
        assertThat(rule.matches(inZone(at("2025-03-04T13:30:00Z"), "Asia/Tokyo"))).isFalse();
    }

    @Test
    void matchesSitesAndDevicesByTheirEnrichedNames() {
        Rule rule = rule(new Match(null, null, null, null, List.of("*lock"), List.of("HQ *"), null, null,
                null, null));

        assertThat(rule.matches(event(EventType.LOCK_UNLOCKED).site(Ref.of("ws_1", "HQ Berlin"))
                .device(Ref.of("3f2a9c", "Server Room lock")).build())).isTrue();
        assertThat(rule.matches(event(EventType.LOCK_UNLOCKED).site(Ref.of("ws_1", null))
                .device(Ref.of("3f2a9c", "Server Room lock")).build())).isFalse();
        assertThat(rule.matches(event(EventType.LOCK_UNLOCKED).site(Ref.of("ws_1", "Warehouse"))
                .device(Ref.of("3f2a9c", "Server Room lock")).build())).isFalse();
        assertThat(rule.matches(event(EventType.LOCK_UNLOCKED).site(Ref.of("ws_1", "HQ Berlin"))
                .device(Ref.of("3f2a9c", null)).build())).isFalse();
    }

    static AccessEvent inZone(AccessEvent event, String zone) {
        return event.withPlaces(event.device(), event.door(), event.site(), event.actor(),
                java.time.ZoneId.of(zone), event.attributes());
    }

    @Test
    void aWindowAcrossMidnightBelongsToTheDayItStarts() {
        TimeWindow fridayNight = new TimeWindow(java.time.ZoneId.of("America/New_York"),
                TimeWindow.parseDays("FRI"), java.time.LocalTime.of(22, 0), java.time.LocalTime.of(6, 0));

        // 2025-03-07 is a Friday; New York is UTC-5 then
        assertThat(fridayNight.contains(Instant.parse("2025-03-08T04:30:00Z"))).isTrue();  // Fri 23:30
        assertThat(fridayNight.contains(Instant.parse("2025-03-08T08:00:00Z"))).isTrue();  // Sat 03:00
        assertThat(fridayNight.contains(Instant.parse("2025-03-08T11:30:00Z"))).isFalse(); // Sat 06:30
        assertThat(fridayNight.contains(Instant.parse("2025-03-09T04:30:00Z"))).isFalse(); // Sat 23:30
        assertThat(fridayNight.contains(Instant.parse("2025-03-07T08:00:00Z"))).isFalse(); // Fri 03:00
    }

    @Test
    void judgesTimesOnLocalClocksAcrossADaylightSavingChange() {
        TimeWindow office = new TimeWindow(java.time.ZoneId.of("Europe/Berlin"), TimeWindow.parseDays("MON-FRI"),
                java.time.LocalTime.of(7, 0), java.time.LocalTime.of(19, 0));

        // Monday 2025-03-31 is the first weekday of summer time: 07:30 in Berlin is 05:30 UTC
        assertThat(office.contains(Instant.parse("2025-03-31T05:30:00Z"))).isTrue();
        // the Friday before was still winter time: 05:30 UTC was 06:30 in Berlin
        assertThat(office.contains(Instant.parse("2025-03-28T05:30:00Z"))).isFalse();
    }

    @Test
    void parsesDayListsAndRangesThatWrapTheWeek() {
        assertThat(TimeWindow.parseDays("FRI-MON")).containsExactlyInAnyOrder(java.time.DayOfWeek.FRIDAY,
                java.time.DayOfWeek.SATURDAY, java.time.DayOfWeek.SUNDAY, java.time.DayOfWeek.MONDAY);
        assertThat(TimeWindow.parseDays("SAT,SUN")).hasSize(2);
        assertThat(TimeWindow.parseDays("")).hasSize(7);
        assertThat(TimeWindow.parseDays("*")).hasSize(7);
    }

    @Test
    void throttleSilencesOnlyWithinItsInterval() {
        Instant last = Instant.parse("2025-03-04T12:00:00Z");
        java.time.Duration tenMinutes = java.time.Duration.ofMinutes(10);

        assertThat(Throttle.silences(null, tenMinutes, last)).isFalse();
        assertThat(Throttle.silences(last, tenMinutes, last.plusSeconds(599))).isTrue();
        assertThat(Throttle.silences(last, tenMinutes, last.plusSeconds(600))).isFalse();
    }

    @Test
    void groupsByDoorFallingBackToTheDevice() {
        AccessEvent atDoor = event(EventType.ACCESS_DENIED).door(Ref.of("d1", "Front")).actor(Ref.actor("u1", "A", null))
                .build();
        AccessEvent atLock = event(EventType.ACCESS_DENIED).device(Ref.device(null, "Back lock", "lock")).build();

        assertThat(GroupBy.DOOR.keyOf(atDoor)).isEqualTo("door:d1");
        assertThat(GroupBy.DOOR.keyOf(atLock)).isEqualTo("door:Back lock");
        assertThat(GroupBy.ACTOR.keyOf(atDoor)).isEqualTo("actor:u1");
        assertThat(GroupBy.SITE.keyOf(atDoor)).isEqualTo("site:none");
    }

    private static AccessEvent at(String instant) {
        return new AccessEventBuilder("e", "seam", Instant.now()).type(EventType.LOCK_UNLOCKED)
                .occurredAt(Instant.parse(instant)).build();
    }
}
