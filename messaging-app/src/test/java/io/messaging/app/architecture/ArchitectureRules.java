package io.messaging.app.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import io.messaging.core.memory.InMemoryRecoveryStore;
import io.messaging.core.port.out.EventBus;
import io.messaging.core.port.out.RecoveryStore;
import io.messaging.core.port.out.StoreException;
import io.messaging.core.port.out.TokenBuckets;

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
                    "org.eclipse.angus..",
                    "org.flywaydb..",
                    "io.lettuce..")
            .as("the core depends on no framework");

    /** Adapters talk only through the core's ports, never to each other. */
    static final ArchRule ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER = slices().matching(
                    "io.messaging.(sqlite|mongo|rest|ws|push|security|redis)..")
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

    /**
     * REST resources and Socket.IO handlers call use cases, not services, stores or the assembled facade: from the
     * core they see its in-ports and model, the {@link StoreException} any port may throw, the {@link EventBus}
     * whose events the real-time adapter carries to clients, and the ports of its recovery and event limits.
     */
    static final ArchRule INBOUND_ADAPTERS_USE_IN_PORTS = noClasses()
            .that()
            .resideInAnyPackage("io.messaging.rest..", "io.messaging.ws..")
            .should()
            .dependOnClassesThat(resideInAPackage("io.messaging.core..")
                    .and(not(resideInAnyPackage("io.messaging.core.port.in..", "io.messaging.core.model..")))
                    // the real-time adapter carries the bus's events and keeps its recovery state and the token
                    // buckets of its event limits (shared by several nodes) behind ports
                    .and(not(belongToAnyOf(
                            StoreException.class,
                            EventBus.class,
                            RecoveryStore.class,
                            InMemoryRecoveryStore.class,
                            TokenBuckets.class))))
            .as("inbound adapters depend only on the core's in-ports and model");

    /** The security adapters are for embedders too: no web framework or HTTP server comes with them. */
    static final ArchRule SECURITY_ADAPTERS_NEED_NO_WEB_FRAMEWORK = noClasses()
            .that()
            .resideInAPackage("io.messaging.security..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "jakarta.ws..",
                    "javax.ws..",
                    "org.glassfish.jersey..",
                    "org.glassfish.grizzly..",
                    "org.glassfish.tyrus..")
            .as("the security adapters depend on no web framework");

    /** Out-port adapters (hashers, token issuers, mailers, stores) live beside the stores, not in an inbound adapter. */
    static final ArchRule INBOUND_ADAPTERS_IMPLEMENT_NO_OUT_PORT = noClasses()
            .that()
            .resideInAnyPackage("io.messaging.rest..", "io.messaging.ws..")
            .should()
            .implement(resideInAPackage("io.messaging.core.port.out.."))
            .as("inbound adapters implement no out-port");

    /** Every class of our modules is in our own packages; a class in a library's package would break on its upgrade. */
    static final ArchRule NO_CLASS_IN_ANOTHER_PROJECTS_PACKAGE = classes()
            .should()
            .resideInAPackage("io.messaging..")
            .as("no class of ours is in another project's package");
}
