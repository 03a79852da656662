package io.messaging.app.architecture;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.messaging.core.port.violation.PortUsingAService;
import io.messaging.core.violation.CoreUsingJackson;
import io.messaging.rest.violation.RestHashingPasswords;
import io.messaging.rest.violation.RestHelper;
import io.messaging.rest.violation.RestUsingAService;
import io.messaging.security.violation.SecurityUsingJersey;
import io.messaging.sqlite.violation.AdapterCallingRest;
import io.messaging.wire.violation.WireUsingAnAdapter;
import io.messaging.ws.violation.HandlerHoldingTheFacade;
import org.example.violation.ClassInAnotherProjectsPackage;
import org.junit.jupiter.api.Test;

/** Each rule fails on a class written to break it, so a green architecture test means something. */
class ArchitectureRulesBiteTest {

    private static void assertViolated(ArchRule rule, Class<?>... offenders) {
        var classes = new ClassFileImporter().importClasses(offenders);
        var error = assertThrows(AssertionError.class, () -> rule.check(classes));
        assertTrue(error.getMessage().contains(offenders[0].getSimpleName()), error.getMessage());
    }

    @Test
    void theCoreRuleCatchesAFrameworkType() {
        assertViolated(ArchitectureRules.CORE_DEPENDS_ON_NO_FRAMEWORK, CoreUsingJackson.class);
    }

    @Test
    void theAdapterRuleCatchesAnAdapterCallingAnother() {
        assertViolated(
                ArchitectureRules.ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER, AdapterCallingRest.class, RestHelper.class);
    }

    @Test
    void thePortRuleCatchesAPortUsingAService() {
        assertViolated(ArchitectureRules.PORTS_DO_NOT_DEPEND_ON_SERVICES, PortUsingAService.class);
    }

    @Test
    void theWireRuleCatchesTheWireFormatUsingAnAdapter() {
        assertViolated(ArchitectureRules.WIRE_FORMAT_IS_SHARED_NOT_AN_ADAPTER, WireUsingAnAdapter.class);
    }

    @Test
    void theAppRuleCatchesAnAdapterReachingIntoTheWiring() {
        assertViolated(ArchitectureRules.ONLY_THE_APP_WIRES, AdapterCallingRest.class);
    }

    @Test
    void theInboundRuleCatchesAResourceUsingAService() {
        assertViolated(ArchitectureRules.INBOUND_ADAPTERS_USE_IN_PORTS, RestUsingAService.class);
    }

    @Test
    void theInboundRuleCatchesAHandlerHoldingTheFacade() {
        assertViolated(ArchitectureRules.INBOUND_ADAPTERS_USE_IN_PORTS, HandlerHoldingTheFacade.class);
    }

    @Test
    void theSecurityRuleCatchesAnAdapterUsingJersey() {
        assertViolated(ArchitectureRules.SECURITY_ADAPTERS_NEED_NO_WEB_FRAMEWORK, SecurityUsingJersey.class);
    }

    @Test
    void theOutPortRuleCatchesAnInboundAdapterImplementingOne() {
        assertViolated(ArchitectureRules.INBOUND_ADAPTERS_IMPLEMENT_NO_OUT_PORT, RestHashingPasswords.class);
    }

    @Test
    void thePackageRuleCatchesAClassInAnotherProjectsPackage() {
        assertViolated(ArchitectureRules.NO_CLASS_IN_ANOTHER_PROJECTS_PACKAGE, ClassInAnotherProjectsPackage.class);
    }
}
