package io.gatehouse.alerting;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * A weekly window such as MON-FRI 07:00-19:00 in Europe/Berlin. A window whose end is before its start runs over
 * midnight (22:00-06:00); its days name the day it starts on, so FRI 22:00-06:00 includes Saturday 03:00.
 * A window without a zone (null) is read in the zone of the event's site, else in UTC.
 */
public record TimeWindow(ZoneId zone, Set<DayOfWeek> days, LocalTime from, LocalTime to) {

    public boolean contains(Instant instant) {
        return contains(instant, null);
    }

    /** @param siteZone the zone of the event's site, used when the window names none; null for UTC */
    public boolean contains(Instant instant, ZoneId siteZone) {
        ZoneId in = zone != null ? zone : siteZone != null ? siteZone : ZoneOffset.UTC;
        ZonedDateTime local = instant.atZone(in);
        LocalTime time = local.toLocalTime();
        DayOfWeek day = local.getDayOfWeek();
        if (!from.isAfter(to)) {
            return days.contains(day) && !time.isBefore(from) && time.isBefore(to);
        }
        if (!time.isBefore(from)) {
            return days.contains(day);
        }
        return time.isBefore(to) && days.contains(day.minus(1));
    }

    /** Parses MON-FRI, SAT,SUN, MON-WED,FRI or blank (every day). */
    static Set<DayOfWeek> parseDays(String text) {
        if (text == null || text.isBlank() || text.trim().equals("*")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.split(",")) {
            String[] range = part.trim().split("-");
            DayOfWeek start = day(range[0]);
            DayOfWeek end = range.length > 1 ? day(range[1]) : start;
            for (DayOfWeek d = start; ; d = d.plus(1)) {
                days.add(d);
                if (d == end) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String text) {
        String value = text.trim().toUpperCase(java.util.Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(value) && value.length() >= 3) {
                return d;
            }
        }
        throw new IllegalArgumentException("'" + text.trim() + "' is not a day; write MON, TUE, ... SUN");
    }
}
