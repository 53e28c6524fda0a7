package io.gatehouse.delivery;

import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Makes vendor text safe in a Teams Adaptive Card, whose TextBlocks and facts render a Markdown subset:
 * {@link PlainTextField} first (one line, no control or bidirectional characters, no links), then look-alikes for
 * what Teams would read as formatting, a link or a mention: {@code * _ [ ] ` ~} become {@code ∗ ＿ ［ ］ ˋ ∼}, and
 * {@code < >} (of {@code <at>…</at>} mentions and of HTML) become {@code ＜ ＞}; a leading {@code - }, {@code + } or
 * {@code 1. } (a list item) is changed likewise. The card's JSON itself is written by Jackson, so no text can add
 * a field or an element to it. The text still reads the same to a person.
 */
@Component
public class TeamsText {

    private static final Pattern LEADING_NUMBERED_ITEM = Pattern.compile("^(\\d+)\\.(\\s)");

    private final PlainTextField plain;

    public TeamsText(PlainTextField plain) {
        this.plain = plain;
    }

    /** Null stays null. */
    public String escape(String value) {
        String text = plain.clean(value);
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '*' -> out.append('∗');
                case '_' -> out.append('＿');
                case '[' -> out.append('［');
                case ']' -> out.append('］');
                case '`' -> out.append('ˋ');
                case '~' -> out.append('∼');
                case '<' -> out.append('＜');
                case '>' -> out.append('＞');
                case '-', '+' -> out.append(i == 0 && text.length() > 1 && text.charAt(1) == ' '
                        ? (c == '-' ? '‐' : '＋') : c);
                default -> out.append(c);
            }
        }
        return LEADING_NUMBERED_ITEM.matcher(out).replaceFirst("$1․$2");
    }
}
