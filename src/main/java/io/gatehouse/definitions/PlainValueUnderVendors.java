package io.gatehouse.definitions;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

import io.gatehouse.definitions.VendorsProperties.VendorSettings;

/**
 * GATEHOUSE_VENDORS_DIR, the environment's name for {@code gatehouse.vendors-dir}, is also read by Spring's relaxed
 * binding as {@code gatehouse.vendors.dir}, an entry of the vendors map, where a plain value cannot be a vendor's
 * settings. Such a value becomes a marker that {@link VendorsProperties} leaves out, instead of failing start-up.
 */
@Component
@ConfigurationPropertiesBinding
public class PlainValueUnderVendors implements Converter<String, VendorSettings> {

    @Override
    public VendorSettings convert(String value) {
        return VendorSettings.NOT_SETTINGS;
    }
}
