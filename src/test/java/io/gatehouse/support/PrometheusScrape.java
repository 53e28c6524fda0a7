package io.gatehouse.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of /actuator/prometheus, read back by metric name and labels. */
public final class PrometheusScrape {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private final String text;
    private final List<Sample> samples = new ArrayList<>();

    public PrometheusScrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.trim());
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
    }

    /** The sum of every sample of this name whose labels include the given ones (name, value, ...); 0 if none. */
    public double value(String name, String... labels) {
        return samples.stream().filter(s -> s.name().equals(name) && hasLabels(s, labels))
                .mapToDouble(Sample::value).sum();
    }

    /** Whether any sample of this name has the given labels. */
    public boolean has(String name, String... labels) {
        return samples.stream().anyMatch(s -> s.name().equals(name) && hasLabels(s, labels));
    }

    public String text() {
        return text;
    }

    private static boolean hasLabels(Sample sample, String... labels) {
        for (int i = 0; i + 1 < labels.length; i += 2) {
            if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                return false;
            }
        }
        return true;
    }
}
