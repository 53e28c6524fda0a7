package io.gatehouse.definitions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator's side of each vendor ({@code gatehouse.vendors.<name>}) and where extra vendor definitions are.
 *
 * @param vendors    per vendor defined: its secret and whether to verify; secrets come from here or the environment
 *                   ({@code GATEHOUSE_VENDORS_<NAME>_SECRET}), never from a definition file
 * @param vendorsDir a folder of vendor definition files (*.yaml) loaded at start-up beside the shipped ones
 *                   (environment GATEHOUSE_VENDORS_DIR); empty for none
 */
@ConfigurationProperties("gatehouse")
public record VendorsProperties(Map<String, VendorSettings> vendors, Path vendorsDir) {

    public VendorsProperties {
        vendors = vendors == null ? Map.of() : vendors.entrySet().stream()
                .filter(vendor -> vendor.getValue() != VendorSettings.NOT_SETTINGS)
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The vendor's settings; a vendor without any is verified and has no secret, so its webhooks are refused. */
    public VendorSettings of(String vendor) {
        return vendors.getOrDefault(vendor, new VendorSettings(List.of(), true, null));
    }

    /**
     * @param secret             the signing secret or shared token; several, comma-separated, while one is being
     *                           rotated (a webhook is accepted if it proves itself with any). Without one, every
     *                           webhook of the vendor is refused (401)
     * @param verify             false accepts webhooks without checking their origin: local trials only, Gatehouse
     *                           warns at start-up
     * @param timestampTolerance how far a signed timestamp may be from Gatehouse's clock before the webhook counts as
     *                           a replay; empty for the definition's own (5 minutes unless it says otherwise)
     */
    public record VendorSettings(List<String> secret, Boolean verify, Duration timestampTolerance) {

        /** A plain value found where a vendor's settings belong ({@link PlainValueUnderVendors}); left out. */
        static final VendorSettings NOT_SETTINGS = new VendorSettings(List.of(), false, null);

        public VendorSettings {
            secret = secret == null ? List.of()
                    : secret.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        }

        public boolean verifies() {
            return verify == null || verify;
        }

        public boolean hasSecret() {
            return !secret.isEmpty();
        }
    }
}
