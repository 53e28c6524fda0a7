package io.gatehouse.enrich;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.gatehouse.enrich.DirectoryEntry.Kind;

/**
 * Reads the directory from its three sources: the entries in application.yaml, the CSV files
 * ({@code kind,id,name,door,site,zone}, a header line first) and the {@code directory_entry} table. Any mistake is
 * refused with the file and line, or the table row, that holds it.
 */
@Component
public class DirectoryLoader {

    static final String TABLE_QUERY = "select kind, id, name, door_id, site_id, time_zone from directory_entry";

    private final DirectoryProperties properties;
    private final JdbcTemplate jdbc;
    private final CsvMapper csv = new CsvMapper();

    public DirectoryLoader(DirectoryProperties properties, JdbcTemplate jdbc) {
        this.properties = properties;
        this.jdbc = jdbc;
    }

    /** What the sources say now; throws {@link IllegalArgumentException} naming the first mistake. */
    public Directory load() {
        List<DirectoryEntry> entries = new ArrayList<>();
        yaml(entries, Kind.SITE, "sites", properties.sites());
        yaml(entries, Kind.DOOR, "doors", properties.doors());
        yaml(entries, Kind.DEVICE, "devices", properties.devices());
        yaml(entries, Kind.CREDENTIAL, "credentials", properties.credentials());
        yaml(entries, Kind.PERSON, "people", properties.people());
        for (String file : csvFiles()) {
            entries.addAll(readCsv(Path.of(file)));
        }
        if (properties.table()) {
            entries.addAll(readTable());
        }
        return Directory.of(entries);
    }

    /** Whether anything but application.yaml is read, i.e. whether a refresh can change the directory. */
    public boolean hasExternalSources() {
        return !csvFiles().isEmpty() || properties.table();
    }

    /** The CSV paths given; a blank one (an unset variable, {@code ${GATEHOUSE_DIRECTORY_CSV:}}) names none. */
    private List<String> csvFiles() {
        return properties.csvFiles().stream().filter(file -> !blank(file)).map(String::trim).toList();
    }

    List<DirectoryEntry> readCsv(Path file) {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Map<String, String>> rows;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             MappingIterator<Map<String, String>> iterator = csv.readerForMapOf(String.class).with(schema)
                     .readValues(reader)) {
            rows = iterator.readAll();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("gatehouse.directory.csv-files: cannot read " + file + ": "
                    + e.getMessage(), e);
        }
        List<DirectoryEntry> entries = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            if (row.values().stream().allMatch(DirectoryLoader::blank)) {
                continue;
            }
            // line numbers as an editor shows them: the header is line 1
            entries.add(entry(file.getFileName() + " line " + (i + 2), row.get("kind"), row.get("id"),
                    row.get("name"), row.get("door"), row.get("site"), row.get("zone")));
        }
        return entries;
    }

    private List<DirectoryEntry> readTable() {
        return jdbc.query(TABLE_QUERY, (rs, n) -> entry("table directory_entry, kind '" + rs.getString("kind")
                        + "' id '" + rs.getString("id") + "'", rs.getString("kind"), rs.getString("id"),
                rs.getString("name"), rs.getString("door_id"), rs.getString("site_id"), rs.getString("time_zone")));
    }

    private static void yaml(List<DirectoryEntry> entries, Kind kind, String list,
                             List<DirectoryProperties.Entry> written) {
        for (int i = 0; i < written.size(); i++) {
            DirectoryProperties.Entry e = written.get(i);
            entries.add(entry("gatehouse.directory." + list + "[" + i + "]", kind.code(), e.id(), e.name(),
                    e.door(), e.site(), e.zone()));
        }
    }

    static DirectoryEntry entry(String source, String kind, String id, String name, String door, String site,
                                String zone) {
        Kind parsedKind;
        try {
            parsedKind = Kind.fromCode(kind);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        ZoneId parsedZone = null;
        if (!blank(zone)) {
            try {
                parsedZone = ZoneId.of(zone.trim());
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(source + ": zone '" + zone.trim()
                        + "' is not an IANA time zone such as Europe/Berlin", e);
            }
        }
        return new DirectoryEntry(parsedKind, trim(id), trim(name), trim(door), trim(site), parsedZone, source);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String trim(String value) {
        return blank(value) ? null : value.trim();
    }
}
