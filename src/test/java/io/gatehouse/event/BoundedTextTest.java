package io.gatehouse.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoundedTextTest {

    @Test
    void leavesNullAndTextThatFitsAlone() {
        assertThat(BoundedText.fit(null, 255)).isNull();
        assertThat(BoundedText.fit("", 255)).isEmpty();
        assertThat(BoundedText.fit("Front Door", 255)).isEqualTo("Front Door");
        assertThat(BoundedText.fit("x".repeat(255), 255)).isEqualTo("x".repeat(255));
    }

    @ParameterizedTest
    @CsvSource({"256", "1000", "100000"})
    void cutsLongerTextToTheColumnWidthAndMarksIt(int length) {
        String cut = BoundedText.fit("d".repeat(length), BoundedText.NAME);
        assertThat(cut).hasSize(BoundedText.NAME).endsWith(BoundedText.MARK).startsWith("d".repeat(254));
    }

    @Test
    void neverLeavesHalfASurrogatePair() {
        // 253 letters, then an emoji (two UTF-16 units) across the cut
        String value = "a".repeat(253) + "😀" + "tail";
        String cut = BoundedText.fit(value, 255);
        assertThat(cut).isEqualTo("a".repeat(253) + BoundedText.MARK);
        assertThat(cut.chars().noneMatch(c -> Character.isSurrogate((char) c))).isTrue();
        // an emoji that ends right before the cut stays whole
        assertThat(BoundedText.fit("a".repeat(252) + "😀" + "tail", 255)).isEqualTo("a".repeat(252) + "😀" + "…");
    }

    @Test
    void dropsNulWhichPostgresqlCannotStore() {
        assertThat(BoundedText.fit("Front\u0000Door\u0000", 255)).isEqualTo("FrontDoor");
        assertThat(BoundedText.fit("\u0000".repeat(300) + "x", 255)).isEqualTo("x");
    }

    @Test
    void fitsTheNarrowerKindColumn() {
        assertThat(BoundedText.fit("k".repeat(65), BoundedText.KIND)).hasSize(64).endsWith("…");
        assertThat(BoundedText.fit("k".repeat(64), BoundedText.KIND)).isEqualTo("k".repeat(64));
    }

    @Test
    void refusesAWidthWithoutRoomForTheMark() {
        assertThatThrownBy(() -> BoundedText.fit("abc", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not 1");
    }

    @Test
    void everyRefAndEventFitsItsColumns() {
        String long1000 = "n".repeat(1000);
        Ref ref = new Ref(long1000, long1000, long1000, long1000);
        assertThat(ref.id()).hasSize(255);
        assertThat(ref.name()).hasSize(255);
        assertThat(ref.kind()).hasSize(64);
        assertThat(ref.email()).hasSize(255);
        AccessEvent event = new AccessEventBuilder("id", "verkada", java.time.Instant.now())
                .vendorEvent(long1000, long1000).door(Ref.of(long1000, long1000)).build();
        assertThat(event.vendorEventId()).hasSize(255);
        assertThat(event.vendorEventType()).hasSize(255);
        assertThat(event.door().name()).hasSize(255).endsWith("…");
    }
}
