package io.gatehouse.delivery;

import org.springframework.stereotype.Component;

/**
 * Makes vendor text safe in a Slack message (mrkdwn and plain_text alike): {@link PlainTextField} first (one line,
 * no control or bidirectional characters, no links), then Slack's own escaping of {@code & < >}, which also keeps
 * {@code <!channel>} and {@code <@U123>} from being mentions. Slack has no escape for its formatting characters
 * nor for a bare {@code @channel}, so those are swapped for look-alikes that Slack leaves alone: {@code * _ ~ `}
 * for {@code ∗ ＿ ∼ ˋ} and {@code @} for {@code ＠}. The text still reads the same to a person.
 */
@Component
public class SlackText {

    private final PlainTextField plain;

    public SlackText(PlainTextField plain) {
        this.plain = plain;
    }

    /** Null stays null. */
    public String escape(String value) {
        String text = plain.clean(value);
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '*' -> out.append('∗');
                case '_' -> out.append('＿');
                case '~' -> out.append('∼');
                case '`' -> out.append('ˋ');
                case '@' -> out.append('＠');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
