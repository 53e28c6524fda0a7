package io.gatehouse.definitions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A vendor definition file as written (docs/vendors.md#definition-files), before it is checked and compiled.
 * {@code tables} are lookup tables the expressions read as variables ({@code $lookup($lockStates, ...)});
 * {@code fieldSets} are named mappings that several rows of the type table share ({@code field-set: <name>}).
 */
record DefinitionFile(String name, String path, Origin origin, String eventType, String eventId, String dedupKey,
                      String dedupWindow,
                      String directory, Map<String, Map<String, Object>> tables, Fields fields,
                      Map<String, Fields> fieldSets, List<TypeRow> types) {

    record Origin(String scheme, String header, String headerFormat, String signedContent, String algorithm,
                  String encoding, String secretEncoding, String timestampTolerance, String tokenPrefix,
                  String query) {
    }

    record Fields(Time occurredAt, Ref device, Ref door, Ref site, Ref actor, Code method, Code outcome,
                  LinkedHashMap<String, String> attributes) {
    }

    record Time(String value, String format) {
    }

    record Ref(String id, String name, String kind, String email) {
    }

    record Code(String value, LinkedHashMap<String, String> map) {
    }

    record TypeRow(String vendorType, String when, String canonical, Boolean routine, String severity,
                   String fieldSet, Fields fields) {
    }
}
