package io.gatehouse.delivery;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Makes vendor text (a door's name, a person's, an event type) safe to put in one field of a plain-text alert: an
 * email's subject and its text body, and the base of {@link SlackText}. Line breaks and other control characters
 * become spaces, so a name cannot add a header or forge a line of the alert; invisible format characters
 * (bidirectional overrides and isolates, zero-width characters) are removed, so a name cannot show reversed text;
 * web addresses and domain names are "defanged" ({@code https[:]//evil[.]example}), so mail and chat clients do
 * not make them links to click.
 */
@Component
public class PlainTextField {

    /** A domain name: labels of letters, digits and hyphens joined by dots, ending in a label of 2+ letters. */
    private static final Pattern DOMAIN = Pattern.compile(
            "(?<![\\p{L}\\p{N}\\-.])(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-]{0,62})\\.)+\\p{L}{2,63}(?![\\p{L}\\p{N}\\-])");
    private static final Pattern SCHEME = Pattern.compile("(?i)\\b([a-z][a-z0-9+.\\-]*):(//)?(?=\\S)");

    /** The text as one line with no control or format characters and no links; null stays null. */
    public String clean(String value) {
        if (value == null) {
            return null;
        }
        return defang(visible(value));
    }

    /** Control and separator characters as spaces, format characters and lone surrogates removed, spaces collapsed. */
    static String visible(String value) {
        StringBuilder text = new StringBuilder(value.length());
        boolean space = false;
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (type == Character.FORMAT || type == Character.SURROGATE || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE) {
                continue;
            }
            if (type == Character.CONTROL || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = text.length() > 0;
                continue;
            }
            if (space) {
                text.append(' ');
                space = false;
            }
            text.appendCodePoint(c);
        }
        return text.toString();
    }

    /** {@code https://a.example/x} reads {@code https[:]//a[.]example/x}; {@code mailto:x@a.example} likewise. */
    static String defang(String value) {
        Matcher domains = DOMAIN.matcher(value);
        StringBuilder text = new StringBuilder(value.length() + 8);
        while (domains.find()) {
            domains.appendReplacement(text, Matcher.quoteReplacement(domains.group().replace(".", "[.]")));
        }
        domains.appendTail(text);
        Matcher schemes = SCHEME.matcher(text.toString());
        StringBuilder out = new StringBuilder(text.length() + 4);
        while (schemes.find()) {
            String scheme = schemes.group(1).toLowerCase(java.util.Locale.ROOT);
            boolean link = schemes.group(2) != null || scheme.equals("mailto") || scheme.equals("tel")
                    || scheme.equals("slack") || scheme.equals("javascript") || scheme.equals("data");
            schemes.appendReplacement(out, Matcher.quoteReplacement(link
                    ? schemes.group(1) + "[:]" + (schemes.group(2) == null ? "" : "//")
                    : schemes.group()));
        }
        schemes.appendTail(out);
        return out.toString();
    }
}
