package io.gatehouse.enrich;

import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The operator's directory under {@code gatehouse.directory}: entries written in application.yaml, CSV files to
 * import, and whether to read the {@code directory_entry} table. The defaults are written in application.yaml (where
 * routes/enrich/directory.camel.yaml reads the refresh interval); a list not written is empty.
 *
 * @param sites           sites (id, name, zone): the IANA time zone is used by rule windows that name no zone, and
 *                        for times in alerts
 * @param doors           doors (id, name, site)
 * @param devices         devices by the vendor's id (id, name, door, site)
 * @param credentials     credentials such as access codes by the vendor's id (id, name, door, site)
 * @param people          people by the vendor's user id (id, name)
 * @param csvFiles        paths of CSV files with the header kind,id,name,door,site,zone (kind: site, door, device,
 *                        credential or person)
 * @param table           true reads the directory_entry table of Gatehouse's database as well
 * @param refreshInterval how often (ms) the CSV files and the table are read again
 */
@Validated
@ConfigurationProperties("gatehouse.directory")
public record DirectoryProperties(@DefaultValue List<Entry> sites, @DefaultValue List<Entry> doors,
                                  @DefaultValue List<Entry> devices, @DefaultValue List<Entry> credentials,
                                  @DefaultValue List<Entry> people, @DefaultValue List<String> csvFiles,
                                  @NotNull Boolean table, long refreshInterval) {

    /** One entry as written; {@code door}, {@code site} and {@code zone} apply as for {@link DirectoryEntry}. */
    public record Entry(String id, String name, String door, String site, String zone) {
    }
}
