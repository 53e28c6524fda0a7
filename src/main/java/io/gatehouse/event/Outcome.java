package io.gatehouse.event;

import java.util.Locale;

/** Whether what the event reports worked. */
public enum Outcome {
    SUCCESS, FAILURE, DENIED, UNKNOWN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return code();
    }
}
