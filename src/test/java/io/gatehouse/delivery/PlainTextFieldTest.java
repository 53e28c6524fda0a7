package io.gatehouse.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PlainTextFieldTest {

    private final PlainTextField field = new PlainTextField();

    /** Hostile vendor text, and the one line an alert shows of it. */
    static Object[][] hostile() {
        return new Object[][] {
                {"Front Door", "Front Door"},
                {"Front Door\r\nBcc: attacker@evil.example", "Front Door Bcc: attacker@evil[.]example"},
                {"a\rb\nc\u0085d\u2028e\u2029f", "a b c d e f"},          // every kind of line break
                {"tab\there\u000bvt\u000cff", "tab here vt ff"},
                {"nul\u0000bell\u0007esc\u001b[31mred", "nul bell esc [31mred"},
                {"\u202Egnp.exe", "gnp[.]exe"},                               // right-to-left override
                {"door\u202D\u202A\u202B\u202C\u2066\u2067\u2068\u2069\u200E\u200Fname", "doorname"},
                {"zero\u200Bwidth\u200C\u200D\u2060\uFEFFjoin", "zerowidthjoin"},
                {"soft\u00ADhyphen", "softhyphen"},
                {"  spaced   out\u00A0\u3000here  ", "spaced out here"},
                {"lone \uD800 surrogate", "lone surrogate"},
                {"private \uE000 use", "private use"},
                {"emoji 😀 stays", "emoji 😀 stays"},
                {"https://evil.example/login?x=1", "https[:]//evil[.]example/login?x=1"},
                {"HTTP://EVIL.EXAMPLE", "HTTP[:]//EVIL[.]EXAMPLE"},
                {"see www.evil.example now", "see www[.]evil[.]example now"},
                {"evil.example", "evil[.]example"},
                {"mailto:boss@corp.example", "mailto[:]boss@corp[.]example"},
                {"javascript:alert(1)", "javascript[:]alert(1)"},
                {"ftp://10.0.0.1/x", "ftp[:]//10.0.0.1/x"},
                {"xn--80ak6aa92e.com", "xn--80ak6aa92e[.]com"},
                {"пример.рф", "пример[.]рф"},
                {"Door 1.2 and v2.0", "Door 1.2 and v2.0"},                  // numbers are no domain
                {"Door: Front", "Door: Front"},                               // a colon is no scheme
                {"Lobby.", "Lobby."},
                {"", ""},
        };
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("hostile")
    void makesVendorTextOneVisibleLineWithoutLinks(String sent, String shown) {
        assertThat(field.clean(sent)).isEqualTo(shown);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("hostile")
    void leavesNoControlFormatOrLineBreakCharacter(String sent, String shown) {
        String clean = field.clean(sent);
        assertThat(clean.codePoints().filter(c -> Character.getType(c) == Character.CONTROL
                || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR || Character.getType(c) == Character.SURROGATE
                && !Character.isSupplementaryCodePoint(c))).isEmpty();
        assertThat(clean).doesNotContain("://").isEqualTo(clean.strip());
        // cleaning twice changes nothing more
        assertThat(field.clean(clean)).isEqualTo(clean);
    }

    @org.junit.jupiter.api.Test
    void leavesNullAlone() {
        assertThat(field.clean(null)).isNull();
    }
}
