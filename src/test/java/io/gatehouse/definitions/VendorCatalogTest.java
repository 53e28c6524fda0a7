package io.gatehouse.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gatehouse.definitions.VendorsProperties.VendorSettings;
import io.gatehouse.event.EventType;
import io.gatehouse.event.EventsProperties;

/**
 * The vendors served: the shipped definitions and those of gatehouse.vendors-dir. A definition that cannot work stops
 * start-up with a message naming its file, the field and what is wrong.
 */
class VendorCatalogTest {

    static final String ACME = """
            name: acme
            origin:
              scheme: hmac
              header: X-Acme-Signature
            event-type: type
            event-id: id
            dedup-key: id
            fields:
              door: { id: door.id, name: door.name }
            types:
              - { vendor-type: door.forced, canonical: door.forced_open }
              - { vendor-type: "badge.*", canonical: access.granted, routine: true }
            """;

    @TempDir
    Path folder;

    @Test
    void servesTheShippedVendors() throws IOException {
        VendorCatalog catalog = catalog(null);

        assertThat(catalog.names()).containsExactly("genea", "kisi", "nuki", "seam", "tedee", "unifi", "verkada");
        assertThat(catalog.get("verkada").path()).isEqualTo("/webhooks/verkada");
        assertThat(catalog.get("seam").origin().scheme()).isEqualTo(OriginProof.Scheme.STANDARD_WEBHOOKS);
        assertThat(catalog.get("tedee").origin().scheme()).isEqualTo(OriginProof.Scheme.TOKEN);
    }

    @Test
    void addsTheVendorsOfTheOperatorsFolder() throws IOException {
        Files.writeString(folder.resolve("acme.yaml"), ACME);

        VendorCatalog catalog = catalog(folder);

        VendorDefinition acme = catalog.get("acme");
        assertThat(catalog.names()).containsExactly("acme", "genea", "kisi", "nuki", "seam", "tedee", "unifi",
                "verkada");
        assertThat(acme.path()).isEqualTo("/webhooks/acme");
        assertThat(acme.origin().macAlgorithm()).isEqualTo("HmacSHA256");
        assertThat(acme.origin().signsTimestamp()).isFalse();
        Map<String, Object> forced = Map.of("type", "door.forced", "id", "e1");
        assertThat(acme.classify("door.forced", forced).canonical()).isEqualTo(EventType.DOOR_FORCED_OPEN);
        assertThat(acme.classify("badge.accepted", forced).routine()).isTrue();
        assertThat(acme.classify("door.opened", forced).canonical()).isEqualTo(EventType.UNKNOWN);
        assertThat(acme.classify("door.opened", forced).known()).isFalse();
    }

    @Test
    void namesTheFileTheFieldAndACloseCanonicalTypeForATypo() throws IOException {
        Files.writeString(folder.resolve("acme.yaml"), ACME.replace("canonical: door.forced_open",
                "canonical: door.forcedopen"));

        assertThatThrownBy(() -> catalog(folder)).isInstanceOf(VendorDefinitionException.class)
                .hasMessageContaining(folder.resolve("acme.yaml") + ": types[0].canonical: 'door.forcedopen' is "
                        + "not a canonical type (did you mean door.forced_open?)");
    }

    @Test
    void refusesAnExpressionThatDoesNotParse() throws IOException {
        Files.writeString(folder.resolve("acme.yaml"), ACME.replace("door: { id: door.id,",
                "door: { id: \"door.(id\","));

        assertThatThrownBy(() -> catalog(folder)).hasMessageContaining("fields.door.id: 'door.(id' is not a "
                + "JSONata expression");
    }

    @Test
    void refusesAMissingSchemeParameter() throws IOException {
        Files.writeString(folder.resolve("acme.yaml"), ACME.replace("  header: X-Acme-Signature\n", ""));

        assertThatThrownBy(() -> catalog(folder)).hasMessageContaining("acme.yaml: origin.header: is missing");
    }

    @Test
    void refusesASignedTimestampWithoutItsPlaceInTheHeader() throws IOException {
        Files.writeString(folder.resolve("acme.yaml"), ACME.replace("  header: X-Acme-Signature\n",
                "  header: X-Acme-Signature\n  signed-content: \"{timestamp}.{body}\"\n"));

        assertThatThrownBy(() -> catalog(folder))
                .hasMessageContaining("origin.signed-content: signs {timestamp}, but header-format reads none");
    }

    @Test
    void refusesTwoVendorsAtOnePath() throws IOException {
        Files.writeString(folder.resolve("acme.yaml"), ACME.replace("name: acme", "name: acme\npath: /webhooks/seam"));

        assertThatThrownBy(() -> catalog(folder)).hasMessageContaining("acme.yaml: path: /webhooks/seam is already "
                + "the path of vendor-definitions/seam.yaml");
    }

    @Test
    void refusesAFieldItDoesNotKnowWithItsLine() throws IOException {
        Files.writeString(folder.resolve("acme.yaml"), ACME + "secret: do-not-put-it-here\n");

        assertThatThrownBy(() -> catalog(folder))
                .hasMessageContaining("acme.yaml: secret: is not a field of a vendor definition (line 14)");
    }

    @Test
    void refusesAnUnknownFieldSetAndAnUnknownMethod() throws IOException {
        Files.writeString(folder.resolve("acme.yaml"), ACME.replace("canonical: door.forced_open }",
                "canonical: door.forced_open, field-set: forced }") + """
                field-sets:
                  badge:
                    method: { value: how, map: { fingerprint: biometric } }
                """);

        assertThatThrownBy(() -> catalog(folder))
                .hasMessageContaining("types[0].field-set: 'forced' is not one of field-sets: badge")
                .hasMessageContaining("field-sets.badge.method.map.fingerprint: 'biometric' is not one of");
    }

    @Test
    void refusesSettingsForAVendorNobodyDefined() {
        VendorsProperties settings = new VendorsProperties(Map.of("brivo",
                new VendorSettings(List.of("s"), true, null)), null);

        assertThatThrownBy(() -> new VendorCatalog(settings, new EventsProperties(Map.of(), 20)))
                .hasMessageContaining("gatehouse.vendors.brivo: no vendor definition is named 'brivo'");
    }

    @Test
    void refusesAFolderThatIsNotThere() {
        assertThatThrownBy(() -> catalog(folder.resolve("missing")))
                .hasMessageContaining("gatehouse.vendors-dir: " + folder.resolve("missing") + " is not a folder");
    }

    private static VendorCatalog catalog(Path vendorsDir) throws IOException {
        return new VendorCatalog(new VendorsProperties(Map.of(), vendorsDir), new EventsProperties(Map.of(), 20));
    }
}
