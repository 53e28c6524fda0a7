package io.gatehouse.event;

import java.util.Locale;

/** How urgently a person should look at an event; ordered from least to most urgent. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity fromCode(String code) {
        try {
            return valueOf(code.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("severity must be one of info, warning, critical, was '" + code + "'");
        }
    }

    @Override
    public String toString() {
        return code();
    }
}
