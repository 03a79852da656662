package io.messaging.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
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
                ArchitectureRules.SECURITY_ADAPTERS_NEED_NO_WEB_FRAMEWORK);
    }

    @ParameterizedTest
    @MethodSource("rules")
    void productionCodeFollows(ArchRule rule) {
        Assertions.assertTrue(
                production.size() > 50, "expected the classes of every module, found " + production.size());
        rule.check(production);
    }
}
