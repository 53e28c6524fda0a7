package io.gatehouse.alerting;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import org.springframework.boot.convert.DurationStyle;

import io.gatehouse.alerting.RulesProperties.Match;
import io.gatehouse.alerting.RulesProperties.RuleDefinition;
import io.gatehouse.alerting.RulesProperties.Window;
import io.gatehouse.event.AccessMethod;
import io.gatehouse.event.EventType;
import io.gatehouse.event.Outcome;
import io.gatehouse.event.Severity;

/**
 * Turns the rules as written into {@link Rule}s, refusing anything that would silently never fire: an unknown
 * type, vendor, method, outcome or channel, an impossible duration or time window.
 */
public class RuleCompiler {

    private final Set<String> vendors;
    private final Set<String> channels;

    /**
     * @param vendors  the vendors this Gatehouse serves
     * @param channels the configured channels, as {@code slack:<name>}, {@code email:<name>} and {@code log:<name>}
     */
    public RuleCompiler(Set<String> vendors, Set<String> channels) {
        this.vendors = vendors;
        this.channels = channels;
    }

    public List<Rule> compile(List<RuleDefinition> definitions) {
        List<Rule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < definitions.size(); i++) {
            RuleDefinition definition = definitions.get(i);
            String name = definition.getName();
            if (name == null || name.isBlank()) {
                throw new RuleConfigurationException("rule #" + (i + 1) + ": name is missing; give every rule a "
                        + "unique name such as door-forced-open");
            }
            if (!names.add(name)) {
                throw new RuleConfigurationException("rule '" + name + "': name is used by another rule");
            }
            if (Boolean.FALSE.equals(definition.getEnabled())) {
                continue;
            }
            rules.add(compile(definition, new Field("rule '" + name + "'", name)));
        }
        return List.copyOf(rules);
    }

    private Rule compile(RuleDefinition definition, Field field) {
        Match match = definition.getMatch();
        if (match == null) {
            throw field.error("match", "is missing; say which events the rule is about, e.g. match: { types: "
                    + "[ door.forced_open ] }");
        }
        EventMatcher matcher = matcher(field, match);
        Rule.Threshold threshold = null;
        GroupBy groupBy = GroupBy.DOOR;
        if (definition.getThreshold() != null) {
            RulesProperties.Threshold t = definition.getThreshold();
            if (t.count() == null || t.count() < 2) {
                throw field.error("threshold.count", "must be 2 or more (a threshold of 1 is a plain rule)");
            }
            threshold = new Rule.Threshold(t.count(), duration(field, "threshold.within", t.within()));
            if (t.groupBy() != null) {
                groupBy = parse(field, "threshold.group-by", t.groupBy(), GroupBy.class);
            }
        }
        Duration throttle = definition.getThrottle() == null ? null : duration(field, "throttle", definition.getThrottle());
        List<String> notify = definition.getNotify() == null ? List.of() : definition.getNotify();
        if (notify.isEmpty()) {
            throw field.error("notify", "is empty; name at least one channel such as slack:security or email:soc");
        }
        for (String channel : notify) {
            if (!channels.contains(channel)) {
                throw field.error("notify", "'" + channel + "' is not a configured channel; configured: "
                        + (channels.isEmpty() ? "none (see gatehouse.channels)"
                        : String.join(", ", new java.util.TreeSet<>(channels))));
            }
        }
        List<Glob> resolveOn = resolveOn(field, definition.getResolveOn(), match.types(), notify);
        // a rule whose window names no zone shows each event's time in that event's site zone (null here)
        Window zoneSource = match.outsideHours() != null ? match.outsideHours() : match.during();
        ZoneId zone = zoneSource != null && zoneSource.zone() != null ? ZoneId.of(zoneSource.zone().trim()) : null;
        return new Rule(field.name, matcher,
                definition.getSeverity() == null ? null : severity(field, "severity", definition.getSeverity()),
                threshold, throttle, groupBy, zone, List.copyOf(notify), resolveOn);
    }

    /**
     * The types that clear the rule's condition. Refused when nothing would hear of it (no PagerDuty channel), or
     * when the rule's own match takes such an event too (it would raise and clear the same alert).
     */
    private static List<Glob> resolveOn(Field field, List<String> types, List<String> matchTypes, List<String> notify) {
        if (types == null || types.isEmpty()) {
            return List.of();
        }
        List<Glob> clearing = types(field, "resolve-on", types);
        if (notify.stream().noneMatch(channel -> channel.startsWith(Rule.RESOLVING_KIND))) {
            throw field.error("resolve-on", "resolves PagerDuty incidents, but the rule notifies no pagerduty: "
                    + "channel; add one to notify or remove resolve-on");
        }
        List<Glob> matched = globs(matchTypes);
        for (EventType type : EventType.values()) {
            boolean clears = clearing.stream().anyMatch(glob -> glob.matches(type.code()));
            boolean raises = matched.isEmpty() || matched.stream().anyMatch(glob -> glob.matches(type.code()));
            if (clears && raises) {
                throw field.error("resolve-on", "'" + type.code() + "' can also be matched by the rule's match: "
                        + "an event cannot both raise and clear the alert; name the clearing type only here");
            }
        }
        return clearing;
    }

    /**
     * Compiles a match written outside the rules (a sink's, see io.gatehouse.sinks), with the same checks; errors
     * name {@code owner}, e.g. "sink 'soc-kafka'". No match at all matches every event.
     */
    public EventMatcher compileMatch(String owner, Match match) {
        Field field = new Field(owner, owner);
        return matcher(field, match == null
                ? new Match(null, null, null, null, null, null, null, null, null, null) : match);
    }

    private EventMatcher matcher(Field field, Match match) {
        return new EventMatcher(
                types(field, "match.types", match.types()),
                set(field, "match.vendors", match.vendors(), this::vendor),
                match.minSeverity() == null ? null : severity(field, "match.min-severity", match.minSeverity()),
                globs(match.doors()), globs(match.devices()), globs(match.sites()),
                enums(field, "match.methods", match.methods(), AccessMethod.class),
                enums(field, "match.outcomes", match.outcomes(), Outcome.class),
                window(field, "match.outside-hours", match.outsideHours()),
                window(field, "match.during", match.during()));
    }

    private static List<Glob> types(Field field, String name, List<String> types) {
        List<Glob> globs = new ArrayList<>();
        for (String type : types == null ? List.<String>of() : types) {
            Glob glob = Glob.of(type.trim());
            if (Arrays.stream(EventType.values()).noneMatch(known -> glob.matches(known.code()))) {
                throw field.error(name, "'" + type + "' is not a canonical event type (nor a pattern such "
                        + "as lock.* that matches one); see docs/rules.md#canonical-types-and-severities for the list");
            }
            globs.add(glob);
        }
        return List.copyOf(globs);
    }

    private String vendor(String value) {
        if (!vendors.contains(value)) {
            throw new IllegalArgumentException("'" + value + "' is not a vendor; known: "
                    + String.join(", ", new java.util.TreeSet<>(vendors)));
        }
        return value;
    }

    private static List<Glob> globs(List<String> values) {
        return values == null ? List.of() : values.stream().map(String::trim).map(Glob::of).toList();
    }

    private static <T> Set<T> set(Field field, String name, List<String> values, Function<String, T> parser) {
        Set<T> result = new LinkedHashSet<>();
        for (String value : values == null ? List.<String>of() : values) {
            try {
                result.add(parser.apply(value.trim()));
            } catch (IllegalArgumentException e) {
                throw field.error(name, e.getMessage());
            }
        }
        return result;
    }

    private static <E extends Enum<E>> Set<E> enums(Field field, String name, List<String> values, Class<E> type) {
        Set<E> result = EnumSet.noneOf(type);
        for (String value : values == null ? List.<String>of() : values) {
            result.add(parse(field, name, value, type));
        }
        return result;
    }

    private static <E extends Enum<E>> E parse(Field field, String name, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw field.error(name, "'" + value + "' is not one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    private static Severity severity(Field field, String name, String value) {
        try {
            return Severity.fromCode(value);
        } catch (IllegalArgumentException e) {
            throw field.error(name, e.getMessage());
        }
    }

    private static Duration duration(Field field, String name, String value) {
        Duration duration;
        try {
            duration = DurationStyle.detectAndParse(value.trim());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw field.error(name, "must be a duration like 2m, 30s or 1h, not '" + value + "'");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw field.error(name, "must be longer than zero, not '" + value + "'");
        }
        return duration;
    }

    private static TimeWindow window(Field field, String name, Window window) {
        if (window == null) {
            return null;
        }
        ZoneId zone;
        try {
            zone = window.zone() == null ? null : ZoneId.of(window.zone().trim());
        } catch (java.time.DateTimeException e) {
            throw field.error(name + ".zone", "'" + window.zone() + "' is not an IANA time zone such as Europe/Berlin");
        }
        LocalTime from = time(field, name + ".from", window.from());
        LocalTime to = time(field, name + ".to", window.to());
        if (from.equals(to)) {
            throw field.error(name, "from and to are equal, so the window is empty");
        }
        try {
            return new TimeWindow(zone, TimeWindow.parseDays(window.days()), from, to);
        } catch (IllegalArgumentException e) {
            throw field.error(name + ".days", e.getMessage());
        }
    }

    private static LocalTime time(Field field, String name, String value) {
        if (value == null) {
            throw field.error(name, "is missing; write a time such as \"07:00\"");
        }
        try {
            return LocalTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw field.error(name, "'" + value + "' is not a time such as \"07:00\"");
        }
    }

    /** Where an error is: the rule (or sink) it is in, as errors name it, and that rule's name. */
    private record Field(String where, String name) {
        RuleConfigurationException error(String field, String problem) {
            return new RuleConfigurationException(where + ": " + field + " " + problem);
        }
    }
}
