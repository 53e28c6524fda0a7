package io.gatehouse.definitions;

import java.math.BigDecimal;
import java.util.List;
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
 * @param paths  its field names when it is a plain path, or a list of plain paths ({@code [a.b, c]}); else null
 * @param list   whether it is such a list
 */
public record PayloadExpression(String source, Jsonata compiled, List<List<String>> paths, boolean list) {

    /** A plain path of field names ({@code data.door_info.name}), which most mappings are. */
    private static final java.util.regex.Pattern FIELD_PATH =
            java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    /**
     * Parses {@code source}; {@code variables} are bound for every evaluation (settings such as
     * {@code $batteryLowBelow}), before the expression is shared between threads.
     */
    static PayloadExpression parse(String source, Map<String, Object> variables) {
        Jsonata compiled = Jsonata.jsonata(source);
        variables.forEach(compiled::assign);
        if (plainPath(source)) {
            return new PayloadExpression(source, compiled, List.of(List.of(source.split("\\."))), false);
        }
        if (source.startsWith("[") && source.endsWith("]")) {
            List<String> items = java.util.Arrays.stream(source.substring(1, source.length() - 1).split(","))
                    .map(String::strip).toList();
            if (items.stream().allMatch(PayloadExpression::plainPath)) {
                return new PayloadExpression(source, compiled,
                        items.stream().map(item -> List.of(item.split("\\."))).toList(), true);
            }
        }
        return new PayloadExpression(source, compiled, null, false);
    }

    private static boolean plainPath(String source) {
        return FIELD_PATH.matcher(source).matches() && !JSONATA_WORDS.contains(source);
    }

    /** Words that read as a path but are JSONata's own. */
    private static final java.util.Set<String> JSONATA_WORDS = java.util.Set.of("and", "or", "in", "true", "false",
            "null");

    /**
     * A plain path is read by walking the maps: the same answer as JSONata's (Jackson gives objects as maps), without
     * its evaluation frames, several times faster (docs/vendors.md#expressions), and a large whole number stays exact
     * (JSONata reads numbers as doubles). A list of plain paths gives the values found, in order. A path that meets a
     * list is left to JSONata, which maps over the list's items.
     */
    private Object walkAll(Object payload) {
        if (!list) {
            return walk(paths.get(0), payload);
        }
        List<Object> found = new java.util.ArrayList<>();
        for (List<String> path : paths) {
            Object value = walk(path, payload);
            if (value == NOT_WALKED) {
                return NOT_WALKED;
            }
            if (value != null) {
                found.add(value);
            }
        }
        return found;
    }

    private static Object walk(List<String> path, Object payload) {
        Object node = payload;
        for (String field : path) {
            if (node instanceof Map<?, ?> object) {
                node = object.get(field);
            } else if (node == null) {
                return null;
            } else {
                return NOT_WALKED;
            }
        }
        return node instanceof List<?> ? NOT_WALKED : node;
    }

    private static final Object NOT_WALKED = new Object();

    /** The raw result: a string, number, boolean, map, list, or null when the payload lacks what it names. */
    public Object evaluate(Object payload) {
        if (paths != null) {
            Object walked = walkAll(payload);
            if (walked != NOT_WALKED) {
                return walked;
            }
        }
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
