package io.gatehouse.support;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * An Adaptive Card as a Teams client reads one, strictly: the card's and each element's properties as the Adaptive
 * Cards schema names them, with their value sets (weight, size, colour, spacing), and nothing else. Parsing fails on
 * an unknown element or action type, an unknown or misspelt property, a value of the wrong type or outside its set,
 * or a missing required one, as Teams would refuse or mis-render the card. Only the elements Gatehouse could send
 * are modelled: a card with any other is refused here too.
 */
public record AdaptiveCard(@JsonProperty(value = "type", required = true) String type,
                           @JsonProperty(value = "version", required = true) String version,
                           @JsonProperty("$schema") String schema,
                           @JsonProperty("fallbackText") String fallbackText,
                           @JsonProperty(value = "body", required = true) List<Element> body,
                           @JsonProperty("actions") List<Action> actions) {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
            .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .build();

    /** Parses the card, or throws naming what is wrong with it. */
    public static AdaptiveCard parse(JsonNode card) throws java.io.IOException {
        AdaptiveCard parsed = STRICT.treeToValue(card, AdaptiveCard.class);
        if (!"AdaptiveCard".equals(parsed.type())) {
            throw new IllegalArgumentException("type is " + parsed.type() + ", not AdaptiveCard");
        }
        return parsed;
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({@JsonSubTypes.Type(value = TextBlock.class, name = "TextBlock"),
            @JsonSubTypes.Type(value = FactSet.class, name = "FactSet")})
    public sealed interface Element permits TextBlock, FactSet {
    }

    public enum Weight { Default, Lighter, Bolder }

    public enum Size { Default, Small, Medium, Large, ExtraLarge }

    public enum Colour { Default, Dark, Light, Accent, Good, Warning, Attention }

    public enum Spacing { Default, None, Small, Medium, Large, ExtraLarge, Padding }

    public record TextBlock(@JsonProperty(value = "text", required = true) String text,
                            @JsonProperty("weight") Weight weight, @JsonProperty("size") Size size,
                            @JsonProperty("color") Colour color, @JsonProperty("wrap") Boolean wrap,
                            @JsonProperty("isSubtle") Boolean isSubtle, @JsonProperty("spacing") Spacing spacing,
                            @JsonProperty("separator") Boolean separator) implements Element {
    }

    public record FactSet(@JsonProperty(value = "facts", required = true) List<Fact> facts,
                          @JsonProperty("separator") Boolean separator, @JsonProperty("spacing") Spacing spacing)
            implements Element {
    }

    public record Fact(@JsonProperty(value = "title", required = true) String title,
                       @JsonProperty(value = "value", required = true) String value) {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({@JsonSubTypes.Type(value = OpenUrl.class, name = "Action.OpenUrl")})
    public sealed interface Action permits OpenUrl {
    }

    public record OpenUrl(@JsonProperty(value = "title", required = true) String title,
                          @JsonProperty(value = "url", required = true) String url) implements Action {
    }
}
