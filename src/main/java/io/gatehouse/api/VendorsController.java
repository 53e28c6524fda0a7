package io.gatehouse.api;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.gatehouse.definitions.VendorCatalog;

/** GET /api/vendors: the vendors this Gatehouse serves, as their definitions say (the console's vendor filter). */
@RestController
public class VendorsController {

    private final VendorCatalog catalog;

    public VendorsController(VendorCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/api/vendors")
    public Map<String, Object> list() {
        List<Map<String, String>> vendors = catalog.all().stream()
                .map(vendor -> Map.of("name", vendor.name(), "path", vendor.path(),
                        "origin", vendor.origin().scheme().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                        "definition", vendor.file()))
                .toList();
        return Map.of("vendors", vendors, "count", vendors.size());
    }
}
