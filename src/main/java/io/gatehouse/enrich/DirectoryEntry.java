package io.gatehouse.enrich;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;

/**
 * One known thing: a site (with its time zone), a door, a device, a credential (an access code or card) or a
 * person, by the id the vendor uses for it.
 *
 * @param door   for a device or credential: the id of the door it belongs to
 * @param site   for a door, device or credential: the id of the site it belongs to
 * @param zone   for a site: its IANA time zone
 * @param source where the entry was written, for error messages (e.g. {@code directory.csv line 7})
 */
public record DirectoryEntry(Kind kind, String id, String name, String door, String site, ZoneId zone,
                             String source) {

    public enum Kind {
        SITE, DOOR, DEVICE, CREDENTIAL, PERSON;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromCode(String code) {
            try {
                return valueOf(code.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("kind must be one of " + Arrays.stream(values())
                        .map(Kind::code).toList() + ", was '" + code + "'");
            }
        }
    }
}
