package io.gatehouse.alerting;

import java.util.Locale;
import java.util.regex.Pattern;

/** A case-insensitive glob where {@code *} stands for any text and {@code ?} for one character. */
public record Glob(String text, Pattern pattern) {

    public static Glob of(String text) {
        StringBuilder regex = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new Glob(text, Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    public boolean matches(String value) {
        return value != null && pattern.matcher(value.toLowerCase(Locale.ROOT)).matches();
    }
}
