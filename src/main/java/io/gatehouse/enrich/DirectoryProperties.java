package io.gatehouse.enrich;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator's directory under {@code gatehouse.directory}: entries written in application.yaml, CSV files to
 * import, and whether to read the {@code directory_entry} table.
 *
 * @param csvFiles        paths of CSV files with the header {@code kind,id,name,door,site,zone}
 * @param table           read the directory_entry table of Gatehouse's database
 * @param refreshInterval how often (ms) the CSV files and the table are read again
 */
@ConfigurationProperties("gatehouse.directory")
public record DirectoryProperties(@DefaultValue List<Entry> sites, @DefaultValue List<Entry> doors,
                                  @DefaultValue List<Entry> devices, @DefaultValue List<Entry> credentials,
                                  @DefaultValue List<Entry> people, @DefaultValue List<String> csvFiles,
                                  @DefaultValue("false") boolean table,
                                  @DefaultValue("60000") long refreshInterval) {

    /** One entry as written; {@code door}, {@code site} and {@code zone} apply as for {@link DirectoryEntry}. */
    public record Entry(String id, String name, String door, String site, String zone) {
    }
}
