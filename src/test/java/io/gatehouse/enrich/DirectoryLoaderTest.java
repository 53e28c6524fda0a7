package io.gatehouse.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gatehouse.enrich.DirectoryEntry.Kind;
import io.gatehouse.enrich.DirectoryProperties.Entry;

class DirectoryLoaderTest {

    @TempDir
    Path folder;

    static DirectoryProperties properties(List<Entry> sites, List<Entry> devices, List<String> csv) {
        return new DirectoryProperties(sites, List.of(), devices, List.of(), List.of(), csv, false, 60000);
    }

    @Test
    void readsYamlAndCsvEntriesAndTheCsvWinsForTheSameId() throws IOException {
        Path csv = folder.resolve("estate.csv");
        Files.writeString(csv, """
                kind,id,name,door,site,zone
                site,paris,"Paris, Rive Gauche",,,Europe/Paris
                door,d-7,Main entrance,,paris,

                device,lock-7,Main entrance lock,d-7,paris,
                device,lock-1,Renamed by the import,,,
                """);
        DirectoryLoader loader = new DirectoryLoader(properties(
                List.of(new Entry("hq", "HQ", null, null, "Europe/Berlin")),
                List.of(new Entry("lock-1", "HQ lock", null, "hq", null)), List.of(csv.toString())), null);

        Directory directory = loader.load();

        assertThat(directory.find(Kind.SITE, "paris")).get().extracting(DirectoryEntry::name, DirectoryEntry::zone)
                .containsExactly("Paris, Rive Gauche", ZoneId.of("Europe/Paris"));
        assertThat(directory.find(Kind.DEVICE, "lock-7")).get().extracting(DirectoryEntry::door, DirectoryEntry::site)
                .containsExactly("d-7", "paris");
        assertThat(directory.find(Kind.DEVICE, "lock-1")).get().extracting(DirectoryEntry::name)
                .isEqualTo("Renamed by the import");
        assertThat(directory.find(Kind.SITE, "hq")).isPresent();
        assertThat(directory.summary()).isEqualTo("2 sites, 1 doors, 2 devices, 0 credentials, 0 persons");
        assertThat(loader.hasExternalSources()).isTrue();
    }

    @Test
    void aBlankCsvPathNamesNoFile() {
        DirectoryLoader loader = new DirectoryLoader(properties(List.of(), List.of(), List.of(" ")), null);

        assertThat(loader.load().summary()).isEqualTo("0 sites, 0 doors, 0 devices, 0 credentials, 0 persons");
        assertThat(loader.hasExternalSources()).isFalse();
    }

    @Test
    void refusesAMistakeNamingWhereItIs() throws IOException {
        Path csv = folder.resolve("estate.csv");
        Files.writeString(csv, "kind,id,name,door,site,zone\nsite,hq,HQ,,,Europe/Berlin\ndevice,l1,Lock,door-x,hq,\n");
        assertThatThrownBy(() -> new DirectoryLoader(properties(List.of(), List.of(), List.of(csv.toString())), null)
                .load()).hasMessage("estate.csv line 3: device 'l1' names door 'door-x', which is not in the "
                        + "directory; add that door, or correct the id");

        Files.writeString(csv, "kind,id,name,door,site,zone\nsite,hq,HQ,,,Mars/Olympus\n");
        assertThatThrownBy(() -> new DirectoryLoader(properties(List.of(), List.of(), List.of(csv.toString())), null)
                .load()).hasMessage("estate.csv line 2: zone 'Mars/Olympus' is not an IANA time zone such as "
                        + "Europe/Berlin");

        Files.writeString(csv, "kind,id,name,door,site,zone\nbuilding,hq,HQ,,,\n");
        assertThatThrownBy(() -> new DirectoryLoader(properties(List.of(), List.of(), List.of(csv.toString())), null)
                .load()).hasMessageStartingWith("estate.csv line 2: kind must be one of [site, door, device, "
                        + "credential, person], was 'building'");

        assertThatThrownBy(() -> new DirectoryLoader(properties(List.of(),
                List.of(new Entry("l1", "Lock", null, "nowhere", null)), List.of()), null).load())
                .hasMessageStartingWith("gatehouse.directory.devices[0]: device 'l1' names site 'nowhere'");
        assertThatThrownBy(() -> new DirectoryLoader(properties(List.of(),
                List.of(new Entry("l1", "Lock", null, null, "Europe/Berlin")), List.of()), null).load())
                .hasMessage("gatehouse.directory.devices[0]: device 'l1' has a zone; only sites have one");
        assertThatThrownBy(() -> new DirectoryLoader(properties(List.of(new Entry(" ", "HQ", null, null, null)),
                List.of(), List.of()), null).load())
                .hasMessage("gatehouse.directory.sites[0]: the site has no id");
        assertThatThrownBy(() -> new DirectoryLoader(properties(List.of(), List.of(),
                List.of(folder.resolve("missing.csv").toString())), null).load())
                .hasMessageStartingWith("gatehouse.directory.csv-files: cannot read ");
    }
}
