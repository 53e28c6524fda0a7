package io.gatehouse.alerting;

import java.util.List;
import java.util.Set;

import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.AccessMethod;
import io.gatehouse.event.Outcome;
import io.gatehouse.event.Ref;
import io.gatehouse.event.Severity;

/**
 * The compiled {@code match} of a rule. Empty lists and null fields match everything; each list matches when any
 * of its entries does. Doors, devices and sites match on the id or the name, so names the enricher found count; a
 * time window without a zone is read in the event's site zone.
 */
public record EventMatcher(List<Glob> types, Set<String> vendors, Severity minSeverity, List<Glob> doors,
                           List<Glob> devices, List<Glob> sites, Set<AccessMethod> methods, Set<Outcome> outcomes,
                           TimeWindow outsideHours, TimeWindow during) {

    public boolean matches(AccessEvent event) {
        return anyGlob(types, event.type().code())
                && (vendors.isEmpty() || vendors.contains(event.vendor()))
                && (minSeverity == null || event.severity().compareTo(minSeverity) >= 0)
                && anyRef(doors, event.door())
                && anyRef(devices, event.device())
                && anyRef(sites, event.site())
                && (methods.isEmpty() || methods.contains(event.method()))
                && (outcomes.isEmpty() || outcomes.contains(event.outcome()))
                && (outsideHours == null || !outsideHours.contains(event.occurredAt(), event.zone()))
                && (during == null || during.contains(event.occurredAt(), event.zone()));
    }

    private static boolean anyGlob(List<Glob> globs, String value) {
        return globs.isEmpty() || globs.stream().anyMatch(glob -> glob.matches(value));
    }

    private static boolean anyRef(List<Glob> globs, Ref ref) {
        return globs.isEmpty() || (ref != null
                && globs.stream().anyMatch(glob -> glob.matches(ref.id()) || glob.matches(ref.name())));
    }
}
