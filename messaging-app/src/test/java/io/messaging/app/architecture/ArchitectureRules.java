package io.messaging.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/** The layering of the project, as rules that read like the architecture. */
final class ArchitectureRules {
    private ArchitectureRules() {}

    /** The core knows no framework, driver or JSON library: it can be embedded anywhere. */
    static final ArchRule CORE_DEPENDS_ON_NO_FRAMEWORK = noClasses()
            .that()
            .resideInAPackage("io.messaging.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "com.mongodb..",
                    "org.bson..",
                    "jakarta..",
                    "javax.ws..",
                    "org.glassfish..",
                    "com.fasterxml..",
                    "org.jose4j..",
                    "org.sqlite..",
                    "java.sql..",
                    "org.slf4j..",
                    "io.micrometer..",
                    "at.favre..",
                    "org.eclipse.angus..")
            .as("the core depends on no framework");

    /** Adapters talk only through the core's ports, never to each other. */
    static final ArchRule ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER = slices().matching(
                    "io.messaging.(sqlite|mongo|rest|ws|push)..")
            .should()
            .notDependOnEachOther()
            .as("adapters do not depend on each other");

    /** Ports are the contract; the services implement them, never the other way round. */
    static final ArchRule PORTS_DO_NOT_DEPEND_ON_SERVICES = noClasses()
            .that()
            .resideInAPackage("io.messaging.core.port..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.messaging.core.service..", "io.messaging.core.memory..")
            .as("ports do not depend on services or adapters");

    /** Nothing but the app sees the adapters and the wiring. */
    static final ArchRule ONLY_THE_APP_WIRES = noClasses()
            .that()
            .resideOutsideOfPackage("io.messaging.app..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.messaging.app..")
            .as("only the app depends on the app");

    /** The shared wire format serves the adapters; it depends on none of them. */
    static final ArchRule WIRE_FORMAT_IS_SHARED_NOT_AN_ADAPTER = noClasses()
            .that()
            .resideInAPackage("io.messaging.wire..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.messaging.rest..",
                    "io.messaging.ws..",
                    "io.messaging.sqlite..",
                    "io.messaging.mongo..",
                    "io.messaging.push..",
                    "io.messaging.app..")
            .as("the wire format depends on no adapter");
}
