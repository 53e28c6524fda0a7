package io.gatehouse.event;

import java.util.Locale;

/** How a person or system acted on a door or lock. */
public enum AccessMethod {
    KEYCODE, CARD, MOBILE, BLUETOOTH, NFC, REMOTE, MANUAL, AUTOMATIC, BUTTON, UNKNOWN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return code();
    }
}
