package io.gatehouse.event;

/**
 * Fits vendor text to the column it is stored in: longer text is cut and ends with {@value #MARK}, so that nobody
 * mistakes it for the whole value, and NUL, which a PostgreSQL text column cannot hold, is dropped. The inbox keeps
 * the payload as received, whole. Without this, a signed event with a 1 000-character door name was accepted with a
 * 202, then failed on its varchar(255) column and raised no alert.
 */
public final class BoundedText {

    /** The width of the name and id columns of access_event (V1__inbox_and_access_events.sql). */
    public static final int NAME = 255;
    /** The width of access_event.device_kind. */
    public static final int KIND = 64;
    /** Ends a cut value. */
    public static final String MARK = "…";

    private BoundedText() {
    }

    /**
     * The value without NUL characters, when it then has at most {@code max} UTF-16 units; else its first
     * {@code max - 1} units, never ending in half a surrogate pair, followed by {@link #MARK}. Null stays null.
     */
    public static String fit(String value, int max) {
        if (max < 2) {
            throw new IllegalArgumentException("a bounded text needs room for one character and the mark, not " + max);
        }
        if (value != null && value.indexOf('\u0000') >= 0) {
            value = value.replace("\u0000", "");
        }
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = max - MARK.length();
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + MARK;
    }
}
