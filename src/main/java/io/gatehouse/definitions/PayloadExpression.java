package io.gatehouse.definitions;

import java.math.BigDecimal;
import java.util.Map;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;

/**
 * A JSONata expression of a vendor definition, parsed once at start-up and evaluated on each payload (the JSON
 * object as Jackson reads it). JSONata because a vendor's mapping needs more than selection (JSONPath) and more
 * than Camel's simple language reads well: fallbacks ({@code a ? a : b}), composite keys ({@code a & "|" & b}),
 * lookups and regular expressions, in the language camel-jsonata ships.
 *
 * @param source the expression as written, for error messages
 */
public record PayloadExpression(String source, Jsonata compiled) {

    /**
     * Parses {@code source}; {@code variables} are bound for every evaluation (settings such as
     * {@code $batteryLowBelow}), before the expression is shared between threads.
     */
    static PayloadExpression parse(String source, Map<String, Object> variables) {
        Jsonata compiled = Jsonata.jsonata(source);
        variables.forEach(compiled::assign);
        return new PayloadExpression(source, compiled);
    }

    /** The raw result: a string, number, boolean, map, list, or null when the payload lacks what it names. */
    public Object evaluate(Object payload) {
        try {
            return compiled.evaluate(payload);
        } catch (JException | ClassCastException | IllegalArgumentException e) {
            throw new MappingException("'" + source + "' failed on this payload: " + e.getMessage(), e);
        }
    }

    /** The result as text: numbers without a needless fraction, blank text and non-scalar results as null. */
    public String text(Object payload) {
        return asText(evaluate(payload));
    }

    /** JSONata's truth: what a condition ({@code when:}) means. */
    public boolean test(Object payload) {
        return Jsonata.boolize(evaluate(payload));
    }

    static String asText(Object value) {
        if (value instanceof String text) {
            return text.isBlank() ? null : text;
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return null;
    }

    /** A mapping that cannot be computed for one payload; the event is then kept as failed, with this message. */
    public static class MappingException extends RuntimeException {
        MappingException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
