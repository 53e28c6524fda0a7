package io.gatehouse.definitions;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the signature (and timestamp) are read out of a vendor's signature header, as its definition's
 * {@code header-format} writes it. A format of comma-separated {@code key={placeholder}} pairs
 * ({@code t={timestamp},v1={signature}}) is read as such pairs in any order, other keys ignored and every
 * signature under the signature's key tried, as Stripe-style headers are meant to be read; any other format
 * ({@code {timestamp}|{signature}}, {@code sha1={signature}}) is an exact template.
 *
 * @param template     the exact template, or null for pairs
 * @param timestampKey pairs: the timestamp's key, or null when none is signed
 * @param signatureKey pairs: the signature's key
 */
public record SignatureHeader(Pattern template, String timestampKey, String signatureKey) {

    private static final Pattern PAIR = Pattern.compile("\\s*([A-Za-z0-9_-]+)=\\{(timestamp|signature)}\\s*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

    /** What a header holds: the timestamp ("" when none is signed) and the signatures to try. */
    public record Read(String timestamp, List<String> signatures) {
    }

    static SignatureHeader of(String format) {
        String[] items = format.split(",");
        if (items.length > 1) {
            String timestampKey = null;
            String signatureKey = null;
            boolean pairs = true;
            for (String item : items) {
                Matcher pair = PAIR.matcher(item);
                if (!pair.matches()) {
                    pairs = false;
                    break;
                }
                if (pair.group(2).equals("timestamp")) {
                    timestampKey = pair.group(1);
                } else {
                    signatureKey = pair.group(1);
                }
            }
            if (pairs && signatureKey != null && !signatureKey.equals(timestampKey)) {
                return new SignatureHeader(null, timestampKey, signatureKey);
            }
        }
        return new SignatureHeader(template(format), null, null);
    }

    /** The header's parts; null when it is not of this form (or lacks a part). */
    public Read read(String header) {
        if (header == null) {
            return null;
        }
        if (template != null) {
            Matcher parts = template.matcher(header.trim());
            if (!parts.matches()) {
                return null;
            }
            return new Read(template.pattern().contains("(?<timestamp>") ? parts.group("timestamp") : "",
                    List.of(parts.group("signature")));
        }
        String timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String item : header.split(",")) {
            int equals = item.indexOf('=');
            if (equals < 1) {
                continue;
            }
            String key = item.substring(0, equals).trim();
            String value = item.substring(equals + 1).trim();
            if (key.equals(timestampKey) && timestamp == null) {
                timestamp = value;
            } else if (key.equals(signatureKey)) {
                signatures.add(value);
            }
        }
        if (signatures.isEmpty() || timestampKey != null && timestamp == null) {
            return null;
        }
        return new Read(timestamp == null ? "" : timestamp, List.copyOf(signatures));
    }

    /**
     * An exact template: its literal text delimits the timestamp and the signature, which are then checked for what
     * they are (a number of seconds; a signature of the right encoding), so that a malformed value is refused as such.
     */
    static Pattern template(String format) {
        StringBuilder regex = new StringBuilder();
        Matcher matcher = PLACEHOLDER.matcher(format);
        int last = 0;
        while (matcher.find()) {
            if (matcher.start() > last) {
                regex.append(Pattern.quote(format.substring(last, matcher.start())));
            }
            regex.append(matcher.group(1).equals("timestamp") ? "(?<timestamp>.+?)" : "(?<signature>.*?)");
            last = matcher.end();
        }
        if (last < format.length()) {
            regex.append(Pattern.quote(format.substring(last)));
        }
        return Pattern.compile(regex.toString());
    }
}
