package io.gatehouse;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;

import org.junit.jupiter.api.Test;

/**
 * The packages of io.gatehouse, by feature, and the one direction their dependencies may take (docs/architecture.md
 * draws the same). A package may use the packages in the levels below its own, never one above nor a sibling on its
 * own level: a cycle, or a feature reaching up into the one that uses it, fails the build here.
 */
class PackageDependenciesTest {

    /** Top first. Each level may depend on every level after it. */
    static final List<List<String>> LEVELS = List.of(
            List.of("ops", "api"),                   // what operators and the console see: reads every feature
            List.of("delivery", "sinks"),            // alert channels and their queue; streams of stored events
            List.of("seam", "tedee"),                // the vendors' APIs as directories of names, for enrichment
            List.of("alerting"),                     // rules, their evaluation, the alerts they raise
            List.of("recording"),                    // the event recorder and the access_event table
            List.of("enrich"),                       // names, doors, sites and time zones for a normalized event
            List.of("ingress"),                      // the HTTP edge: guard, body, JSON checks, inbox entries, replies
            List.of("normalize"),                    // the normalizer contract, its scheduling, recovery and replay
            List.of("inbox"),                        // the verified webhook as stored, committed before the reply
            List.of("telemetry"),                    // metrics and log fields every feature reports to
            List.of("definitions"),                  // the vendor definitions: endpoint, origin, type table, mappings
            List.of("event"),                        // the canonical access event
            List.of("database", "config"));          // group commit and row ids; typed configuration, web server

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gatehouse");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.gatehouse.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void dependenciesPointDownTheLevels() {
        ArchRuleDefinition.classes().that().resideInAPackage("io.gatehouse.*..")
                .should(onlyDependOnLowerLevels()).check(CLASSES);
    }

    @Test
    void everyPackageHasALevel() {
        ArchRuleDefinition.classes().that().resideInAPackage("io.gatehouse.*..")
                .should(new ArchCondition<>("reside in a package listed in LEVELS") {
                    @Override
                    public void check(JavaClass javaClass, ConditionEvents events) {
                        if (level(feature(javaClass)) < 0) {
                            events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName()
                                    + " is in a package that PackageDependenciesTest.LEVELS does not place"));
                        }
                    }
                }).check(CLASSES);
    }

    @Test
    void noPackageIsNamedVendor() {
        // GitHub's linguist and many tools treat vendor/ and vendors/ as third-party code and skip it
        ArchRuleDefinition.noClasses().should().resideInAnyPackage("..vendor..", "..vendors..").check(CLASSES);
    }

    private static ArchCondition<JavaClass> onlyDependOnLowerLevels() {
        return new ArchCondition<>("depend only on io.gatehouse packages of lower levels") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String from = feature(origin);
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String to = feature(dependency.getTargetClass());
                    if (to == null || to.equals(from)) {
                        continue;
                    }
                    if (level(to) <= level(from)) {
                        events.add(SimpleConditionEvent.violated(dependency, from + " -> " + to + ": "
                                + dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** The first package name under io.gatehouse, or null for a class outside (or at the root of) it. */
    private static String feature(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        if (!name.startsWith("io.gatehouse.")) {
            return null;
        }
        String rest = name.substring("io.gatehouse.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static int level(String feature) {
        for (int i = 0; i < LEVELS.size(); i++) {
            if (LEVELS.get(i).contains(feature)) {
                return i;
            }
        }
        return -1;
    }
}
