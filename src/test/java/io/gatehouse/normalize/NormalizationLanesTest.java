package io.gatehouse.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.gatehouse.inbox.InboxEntry;
import io.gatehouse.support.VendorFixtures;

/** Which vendor events are routine; anything that may raise an alert must take the alert lane. */
class NormalizationLanesTest {

    private final NormalizationLanes lanes = new NormalizationLanes(VendorFixtures.catalog());

    private static final Set<String> ROUTINE = Set.of(
            "seam/lock.locked", "seam/lock.unlocked", "seam/device.connected",
            "verkada/camera_motion", "verkada/door_code_entered_accepted", "verkada/door_mobile_nfc_accepted",
            "verkada/door_remote_unlock_accepted",
            "tedee/lock-status-changed");   // the fixture locks (state 6)

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"seam", "verkada", "tedee"})
    void onlyTheRoutineEventsOfEachVendorTakeTheRoutineLane(String vendor) {
        for (String name : VendorFixtures.names(vendor)) {
            InboxEntry entry = VendorFixtures.fixture(vendor, name);
            assertThat(lanes.isRoutine(entry)).as(vendor + "/" + name).isEqualTo(ROUTINE.contains(vendor + "/" + name));
        }
    }

    @ParameterizedTest(name = "Tedee lock state {0} routine: {1}")
    @CsvSource({"2, true", "6, true", "7, true", "3, false", "9, false", "0, false"})
    void aJammedOrUnknownTedeeLockTakesTheAlertLane(int state, boolean routine) {
        ObjectNode payload = VendorFixtures.tree("tedee", "lock-status-changed");
        ((ObjectNode) payload.get("data")).put("state", state);
        assertThat(lanes.isRoutine(VendorFixtures.entry("tedee", payload))).isEqualTo(routine);
    }
}
