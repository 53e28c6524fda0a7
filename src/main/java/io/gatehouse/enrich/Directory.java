package io.gatehouse.enrich;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.gatehouse.enrich.DirectoryEntry.Kind;

/**
 * The known things by kind and id, as one immutable snapshot. Built from all sources at once, so a door or site
 * that an entry names must be in the directory too: a typo is refused with the entry that holds it, instead of
 * silently naming nothing. When two sources list the same kind and id, the later one wins (application.yaml, then
 * the CSV files in order, then the table).
 */
public final class Directory {

    public static final Directory EMPTY = new Directory(new EnumMap<>(Kind.class));

    private final Map<Kind, Map<String, DirectoryEntry>> entries;

    private Directory(Map<Kind, Map<String, DirectoryEntry>> entries) {
        this.entries = entries;
    }

    public static Directory of(List<DirectoryEntry> list) {
        Map<Kind, Map<String, DirectoryEntry>> byKind = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            byKind.put(kind, new HashMap<>());
        }
        for (DirectoryEntry entry : list) {
            if (entry.id() == null || entry.id().isBlank()) {
                throw new IllegalArgumentException(entry.source() + ": the " + entry.kind().code() + " has no id");
            }
            byKind.get(entry.kind()).put(entry.id(), entry);
        }
        Directory directory = new Directory(byKind);
        for (Map<String, DirectoryEntry> ofKind : byKind.values()) {
            ofKind.values().forEach(directory::checkReferences);
        }
        return directory;
    }

    public Optional<DirectoryEntry> find(Kind kind, String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(entries.get(kind).get(id));
    }

    public int size(Kind kind) {
        return entries.get(kind).size();
    }

    /** e.g. "2 sites, 14 doors, 30 devices, 120 credentials, 0 persons". */
    public String summary() {
        StringBuilder text = new StringBuilder();
        for (Kind kind : Kind.values()) {
            text.append(text.isEmpty() ? "" : ", ").append(size(kind)).append(' ').append(kind.code()).append('s');
        }
        return text.toString();
    }

    private void checkReferences(DirectoryEntry entry) {
        String what = entry.source() + ": " + entry.kind().code() + " '" + entry.id() + "'";
        if (entry.door() != null && find(Kind.DOOR, entry.door()).isEmpty()) {
            throw new IllegalArgumentException(what + " names door '" + entry.door()
                    + "', which is not in the directory; add that door, or correct the id");
        }
        if (entry.site() != null && find(Kind.SITE, entry.site()).isEmpty()) {
            throw new IllegalArgumentException(what + " names site '" + entry.site()
                    + "', which is not in the directory; add that site, or correct the id");
        }
        if (entry.zone() != null && entry.kind() != Kind.SITE) {
            throw new IllegalArgumentException(what + " has a zone; only sites have one");
        }
    }
}
