package io.messaging.app.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Holds the production code of every module to the architecture's rules. */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.messaging");
    }

    static Stream<ArchRule> rules() {
        return Stream.of(
                ArchitectureRules.CORE_DEPENDS_ON_NO_FRAMEWORK,
                ArchitectureRules.ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER,
                ArchitectureRules.PORTS_DO_NOT_DEPEND_ON_SERVICES,
                ArchitectureRules.ONLY_THE_APP_WIRES,
                ArchitectureRules.WIRE_FORMAT_IS_SHARED_NOT_AN_ADAPTER,
                ArchitectureRules.INBOUND_ADAPTERS_USE_IN_PORTS,
                ArchitectureRules.SECURITY_ADAPTERS_NEED_NO_WEB_FRAMEWORK,
                ArchitectureRules.INBOUND_ADAPTERS_IMPLEMENT_NO_OUT_PORT);
    }

    @ParameterizedTest
    @MethodSource("rules")
    void productionCodeFollows(ArchRule rule) {
        Assertions.assertTrue(
                production.size() > 50, "expected the classes of every module, found " + production.size());
        rule.check(production);
    }

    /**
     * Every production class of our modules, whatever its package: the classes and jars of the {@code messaging-*}
     * modules on the class path, found by location rather than by package.
     */
    private static JavaClasses everyClassOfOurModules() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .withImportOption(location ->
                        OUR_MODULE.matcher(location.asURI().toString()).find())
                .importClasspath();
    }

    private static final Pattern OUR_MODULE = Pattern.compile("/messaging-[a-z]+(/target/classes/|-[0-9][^/]*\\.jar)");

    @Test
    void everyClassOfOurModulesIsInOurPackages() {
        JavaClasses ours = everyClassOfOurModules();
        assertTrue(ours.contain("io.messaging.ws.HandshakeFilter"), "expected the real-time adapter among our classes");
        assertTrue(ours.size() >= production.size(), "found " + ours.size() + " of our classes");
        ArchitectureRules.NO_CLASS_IN_ANOTHER_PROJECTS_PACKAGE.check(ours);
    }
}
