package io.gatehouse.definitions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.convert.DurationStyle;

import io.gatehouse.definitions.FieldMappings.CodeMapping;
import io.gatehouse.definitions.FieldMappings.RefMapping;
import io.gatehouse.definitions.FieldMappings.TimeFormat;
import io.gatehouse.definitions.FieldMappings.TimeMapping;
import io.gatehouse.definitions.OriginProof.Encoding;
import io.gatehouse.definitions.OriginProof.Scheme;
import io.gatehouse.definitions.OriginProof.SecretEncoding;
import io.gatehouse.event.AccessMethod;
import io.gatehouse.event.EventType;
import io.gatehouse.event.Outcome;
import io.gatehouse.event.Severity;

/**
 * Checks a definition file and compiles it: every expression parsed, every canonical name known, every scheme
 * parameter present. Each mistake is reported as {@code <file>: <field>: <what is wrong>}, all of them at once.
 */
final class DefinitionCompiler {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*");
    private static final Pattern PATH = Pattern.compile("/webhooks/[A-Za-z0-9._~-]+");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");
    private static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final Pattern VARIABLE = Pattern.compile("[a-zA-Z][a-zA-Z0-9]*");

    private final String file;
    private Map<String, Object> variables;
    private final List<String> problems = new ArrayList<>();

    DefinitionCompiler(String file, Map<String, Object> variables) {
        this.file = file;
        this.variables = variables;
    }

    List<String> problems() {
        return problems;
    }

    /** The compiled definition, or null when it has problems. */
    VendorDefinition compile(DefinitionFile definition) {
        String name = definition.name();
        if ("dir".equals(name)) {
            problem("name", "'dir' is reserved: GATEHOUSE_VENDORS_DIR names the folder of vendor definitions");
        } else if (name == null || !NAME.matcher(name).matches()) {
            problem("name", name == null ? "is missing" : "'" + name + "' must be lower-case letters and digits, "
                    + "starting with a letter (it is also the environment's GATEHOUSE_VENDORS_<NAME>_SECRET)");
        }
        String path = definition.path() != null ? definition.path() : "/webhooks/" + name;
        if (!PATH.matcher(path).matches()) {
            problem("path", "'" + path + "' must be /webhooks/<one path segment>");
        }
        if (definition.tables() != null) {
            Map<String, Object> withTables = new LinkedHashMap<>(variables);
            definition.tables().forEach((table, entries) -> {
                if (!VARIABLE.matcher(table).matches() || variables.containsKey(table)) {
                    problem("tables." + table, "must be a name of letters and digits (it is read as $" + table
                            + ") and not one of " + variables.keySet());
                } else {
                    withTables.put(table, entries == null ? Map.of() : Map.copyOf(entries));
                }
            });
            variables = Map.copyOf(withTables);
        }
        OriginProof origin = origin(definition.origin());
        PayloadExpression eventType = required("event-type", definition.eventType());
        PayloadExpression eventId = optional("event-id", definition.eventId());
        PayloadExpression dedupKey = optional("dedup-key", definition.dedupKey());
        Duration dedupWindow = null;
        if (definition.dedupWindow() != null) {
            try {
                dedupWindow = DurationStyle.detectAndParse(definition.dedupWindow());
                if (dedupWindow.toSeconds() < 1) {
                    problem("dedup-window", "'" + definition.dedupWindow() + "' must be at least 1s");
                }
            } catch (IllegalArgumentException e) {
                problem("dedup-window", "'" + definition.dedupWindow() + "' is not a duration (e.g. 10m)");
            }
        }
        FieldMappings common = fields("fields", definition.fields());
        Map<String, FieldMappings> fieldSets = new LinkedHashMap<>();
        if (definition.fieldSets() != null) {
            definition.fieldSets().forEach((setName, set) -> fieldSets.put(setName,
                    fields("field-sets." + setName, set)));
        }
        List<TypeMapping> rows = new ArrayList<>();
        List<DefinitionFile.TypeRow> types = definition.types() == null ? List.of() : definition.types();
        for (int i = 0; i < types.size(); i++) {
            TypeMapping row = typeRow("types[" + i + "]", types.get(i), common, fieldSets);
            if (row != null) {
                rows.add(row);
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new VendorDefinition(name, path, file, origin, eventType, eventId, dedupKey, dedupWindow,
                blankToNull(definition.directory()), List.copyOf(rows), TypeMapping.unknown(common));
    }

    private OriginProof origin(DefinitionFile.Origin origin) {
        if (origin == null || origin.scheme() == null) {
            problem("origin.scheme", "is missing: standard-webhooks, hmac or token");
            return null;
        }
        return switch (origin.scheme()) {
            case "standard-webhooks" -> {
                unused(origin, "standard-webhooks", origin.header(), "header", origin.headerFormat(), "header-format",
                        origin.signedContent(), "signed-content", origin.algorithm(), "algorithm",
                        origin.encoding(), "encoding", origin.secretEncoding(), "secret-encoding",
                        origin.tokenPrefix(), "token-prefix", origin.query(), "query");
                yield new OriginProof(Scheme.STANDARD_WEBHOOKS, null, null, null, null, "HmacSHA256",
                        Encoding.BASE64, SecretEncoding.BASE64, tolerance(origin, true), null, null);
            }
            case "hmac" -> hmac(origin);
            case "token" -> {
                unused(origin, "token", origin.headerFormat(), "header-format", origin.signedContent(),
                        "signed-content", origin.algorithm(), "algorithm", origin.encoding(), "encoding",
                        origin.secretEncoding(), "secret-encoding", origin.timestampTolerance(),
                        "timestamp-tolerance");
                if (origin.header() == null && origin.query() == null) {
                    problem("origin", "scheme token needs a header, a query parameter, or both");
                }
                yield new OriginProof(Scheme.TOKEN, origin.header(), null, null, null, null, null,
                        SecretEncoding.TEXT, null, origin.tokenPrefix() == null ? "" : origin.tokenPrefix(),
                        origin.query());
            }
            default -> {
                problem("origin.scheme", "'" + origin.scheme() + "' is not a scheme: standard-webhooks, hmac or token");
                yield null;
            }
        };
    }

    private OriginProof hmac(DefinitionFile.Origin origin) {
        unused(origin, "hmac", origin.tokenPrefix(), "token-prefix", origin.query(), "query");
        if (origin.header() == null) {
            problem("origin.header", "is missing: the header that carries the signature");
        }
        String headerFormat = origin.headerFormat() == null ? "{signature}" : origin.headerFormat();
        List<String> inHeader = placeholders("origin.header-format", headerFormat, List.of("signature", "timestamp"));
        if (!inHeader.contains("signature")) {
            problem("origin.header-format", "'" + headerFormat + "' must contain {signature}");
        }
        boolean timestamp = inHeader.contains("timestamp");
        String signed = origin.signedContent() == null ? "{body}" : origin.signedContent();
        List<String> inSigned = placeholders("origin.signed-content", signed, List.of("body", "timestamp"));
        if (inSigned.stream().filter("body"::equals).count() != 1) {
            problem("origin.signed-content", "'" + signed + "' must contain {body} once");
        }
        if (inSigned.contains("timestamp") && !timestamp) {
            problem("origin.signed-content", "signs {timestamp}, but header-format reads none");
        }
        if (!timestamp && origin.timestampTolerance() != null) {
            problem("origin.timestamp-tolerance", "is set, but header-format reads no {timestamp}");
        }
        String algorithm = choice("origin.algorithm", origin.algorithm(), "sha256", Map.of(
                "sha256", "HmacSHA256", "sha1", "HmacSHA1"));
        Encoding encoding = choice("origin.encoding", origin.encoding(), "hex", Map.of(
                "hex", Encoding.HEX, "base64", Encoding.BASE64));
        SecretEncoding secretEncoding = choice("origin.secret-encoding", origin.secretEncoding(), "text", Map.of(
                "text", SecretEncoding.TEXT, "base64", SecretEncoding.BASE64));
        int body = signed.indexOf("{body}");
        return new OriginProof(Scheme.HMAC, origin.header(), SignatureHeader.of(headerFormat),
                body < 0 ? "" : signed.substring(0, body), body < 0 ? "" : signed.substring(body + "{body}".length()),
                algorithm, encoding, secretEncoding, timestamp ? tolerance(origin, true) : null, null, null);
    }

    private List<String> placeholders(String field, String template, List<String> allowed) {
        List<String> found = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            if (!allowed.contains(matcher.group(1))) {
                problem(field, "{" + matcher.group(1) + "} is not known here; use " + allowed.stream()
                        .map(p -> "{" + p + "}").reduce((a, b) -> a + " or " + b).orElse(""));
            }
            found.add(matcher.group(1));
        }
        return found;
    }

    private Duration tolerance(DefinitionFile.Origin origin, boolean signed) {
        if (origin.timestampTolerance() == null) {
            return signed ? DEFAULT_TOLERANCE : null;
        }
        try {
            return DurationStyle.detectAndParse(origin.timestampTolerance());
        } catch (IllegalArgumentException e) {
            problem("origin.timestamp-tolerance", "'" + origin.timestampTolerance() + "' is not a duration (e.g. 5m)");
            return DEFAULT_TOLERANCE;
        }
    }

    private void unused(DefinitionFile.Origin origin, String scheme, Object... valuesAndNames) {
        for (int i = 0; i < valuesAndNames.length; i += 2) {
            if (valuesAndNames[i] != null) {
                problem("origin." + valuesAndNames[i + 1], "is not used by scheme " + scheme);
            }
        }
    }

    private <T> T choice(String field, String value, String fallback, Map<String, T> choices) {
        String key = value == null ? fallback : value.toLowerCase(Locale.ROOT);
        T chosen = choices.get(key);
        if (chosen == null) {
            problem(field, "'" + value + "' is not one of " + String.join(", ", choices.keySet().stream().sorted()
                    .toList()));
            return choices.get(fallback);
        }
        return chosen;
    }

    private FieldMappings fields(String field, DefinitionFile.Fields fields) {
        if (fields == null) {
            return FieldMappings.NONE;
        }
        Map<String, PayloadExpression> attributes = new LinkedHashMap<>();
        if (fields.attributes() != null) {
            fields.attributes().forEach((name, expression) -> {
                PayloadExpression parsed = required(field + ".attributes." + name, expression);
                if (parsed != null) {
                    attributes.put(name, parsed);
                }
            });
        }
        return new FieldMappings(time(field + ".occurred-at", fields.occurredAt()),
                ref(field + ".device", fields.device()), ref(field + ".door", fields.door()),
                ref(field + ".site", fields.site()), ref(field + ".actor", fields.actor()),
                code(field + ".method", fields.method(), AccessMethod.class, AccessMethod::code, AccessMethod.UNKNOWN),
                code(field + ".outcome", fields.outcome(), Outcome.class, Outcome::code, Outcome.UNKNOWN),
                Map.copyOf(attributes));
    }

    private TimeMapping time(String field, DefinitionFile.Time time) {
        if (time == null) {
            return null;
        }
        TimeFormat format = choice(field + ".format", time.format(), "iso", Map.of("iso", TimeFormat.ISO,
                "epoch-seconds", TimeFormat.EPOCH_SECONDS, "epoch-millis", TimeFormat.EPOCH_MILLIS));
        return new TimeMapping(required(field + ".value", time.value()), format);
    }

    private RefMapping ref(String field, DefinitionFile.Ref ref) {
        if (ref == null) {
            return null;
        }
        return new RefMapping(optional(field + ".id", ref.id()), optional(field + ".name", ref.name()),
                optional(field + ".kind", ref.kind()), optional(field + ".email", ref.email()));
    }

    private <E extends Enum<E>> CodeMapping<E> code(String field, DefinitionFile.Code code, Class<E> type,
                                                    Function<E, String> codeOf, E unknown) {
        if (code == null) {
            return null;
        }
        Map<String, E> byCode = new LinkedHashMap<>();
        Arrays.stream(type.getEnumConstants()).forEach(value -> byCode.put(codeOf.apply(value), value));
        Map<String, E> map = new LinkedHashMap<>();
        if (code.map() == null) {
            map.putAll(byCode);
        } else {
            code.map().forEach((vendorValue, canonical) -> {
                E value = byCode.get(canonical);
                if (value == null) {
                    problem(field + ".map." + vendorValue, "'" + canonical + "' is not one of "
                            + String.join(", ", byCode.keySet()));
                } else {
                    map.put(vendorValue, value);
                }
            });
        }
        return new CodeMapping<>(required(field + ".value", code.value()), Map.copyOf(map), unknown);
    }

    private TypeMapping typeRow(String field, DefinitionFile.TypeRow row, FieldMappings common,
                                Map<String, FieldMappings> fieldSets) {
        if (row.vendorType() == null || row.vendorType().isBlank()) {
            problem(field + ".vendor-type", "is missing: the vendor's event type, or a pattern with *");
        }
        EventType canonical = null;
        if (row.canonical() == null) {
            problem(field + ".canonical", "is missing: the canonical type (docs/rules.md lists them)");
        } else {
            canonical = EventType.fromCode(row.canonical()).orElse(null);
            if (canonical == null) {
                problem(field + ".canonical", "'" + row.canonical() + "' is not a canonical type"
                        + closest(row.canonical()).map(c -> " (did you mean " + c + "?)").orElse(""));
            }
        }
        Severity severity = null;
        if (row.severity() != null) {
            try {
                severity = Severity.fromCode(row.severity());
            } catch (IllegalArgumentException e) {
                problem(field + ".severity", e.getMessage());
            }
        }
        PayloadExpression when = optional(field + ".when", row.when());
        FieldMappings base = common;
        if (row.fieldSet() != null) {
            FieldMappings set = fieldSets.get(row.fieldSet());
            if (set == null) {
                problem(field + ".field-set", "'" + row.fieldSet() + "' is not one of field-sets: "
                        + String.join(", ", fieldSets.keySet()));
            } else {
                base = set.over(common);
            }
        }
        FieldMappings fields = fields(field + ".fields", row.fields()).over(base);
        if (row.vendorType() == null || canonical == null) {
            return null;
        }
        return new TypeMapping(row.vendorType(), glob(row.vendorType()), when, canonical,
                Boolean.TRUE.equals(row.routine()), severity, fields);
    }

    /** {@code *} stands for any text; everything else is literal, and case counts (vendors' types are exact). */
    static Pattern glob(String text) {
        String[] parts = text.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            if (!parts[i].isEmpty()) {
                regex.append(Pattern.quote(parts[i]));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** The canonical type a typo most likely meant, when one is close. */
    static Optional<String> closest(String written) {
        Optional<String> longer = Arrays.stream(EventType.values()).map(EventType::code)
                .filter(code -> code.startsWith(written)).findFirst();
        if (longer.isPresent()) {
            return longer;
        }
        return Arrays.stream(EventType.values()).map(EventType::code)
                .min(Comparator.comparingInt(code -> distance(code, written)))
                .filter(code -> distance(code, written) <= Math.max(2, written.length() / 4));
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private PayloadExpression required(String field, String expression) {
        if (expression == null || expression.isBlank()) {
            problem(field, "is missing");
            return null;
        }
        return optional(field, expression);
    }

    private PayloadExpression optional(String field, String expression) {
        if (expression == null || expression.isBlank()) {
            return null;
        }
        try {
            return PayloadExpression.parse(expression.strip(), variables);
        } catch (RuntimeException e) {
            problem(field, "'" + expression.strip() + "' is not a JSONata expression: " + e.getMessage());
            return null;
        }
    }

    private void problem(String field, String message) {
        problems.add(file + ": " + field + ": " + message);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
