package io.messaging.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which endpoints the sender reaches: only https:// to public addresses, unless insecure endpoints are allowed. */
class EndpointGuardTest {
    /** Resolves literals only, as a host's DNS answer would; names stand for the addresses given here. */
    private static InetAddress[] resolve(String host) throws UnknownHostException {
        return switch (host) {
            case "push.example.com" -> new InetAddress[] {InetAddress.getByName("93.184.216.34")};
            case "rebound.example.com" ->
                new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.1.2.3")};
            case "localhost" -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
            default -> InetAddress.getAllByName(host);
        };
    }

    private final EndpointGuard secure = new EndpointGuard(false, EndpointGuardTest::resolve);
    private final EndpointGuard insecure = new EndpointGuard(true, EndpointGuardTest::resolve);

    @Test
    void httpsToAPublicAddressIsReached() {
        assertEquals(Optional.empty(), secure.refusal("https://push.example.com/wpush/v2/abc"));
        assertEquals(Optional.empty(), secure.refusal("https://[2606:4700::6810:84e5]/x"));
    }

    @Test
    void plainHttpAndLoopbackAreRefusedUnlessAllowed() {
        assertTrue(secure.refusal("http://push.example.com/x").isPresent());
        assertTrue(secure.refusal("https://localhost/x").isPresent());
        assertTrue(secure.refusal("https://127.0.0.1:8443/x").isPresent());
        assertTrue(secure.refusal("https://[::1]/x").isPresent());
        assertEquals(Optional.empty(), insecure.refusal("http://127.0.0.1:8080/push/1"));
        assertEquals(Optional.empty(), insecure.refusal("http://localhost:8080/push/1"));
    }

    @Test
    void privateLinkLocalAndReservedAddressesAreAlwaysRefused() {
        for (String endpoint : new String[] {
            "https://10.0.0.1/x",
            "https://172.16.5.4/x",
            "https://192.168.1.1/x",
            "https://169.254.169.254/latest/meta-data",
            "https://100.64.0.1/x",
            "https://0.0.0.0/x",
            "https://[fd00::1]/x",
            "https://[fe80::1]/x",
            "https://[::ffff:10.0.0.1]/x",
            "https://[64:ff9b::a00:1]/x",
            "https://rebound.example.com/x",
            "https://224.0.0.1/x"
        }) {
            assertTrue(secure.refusal(endpoint).isPresent(), endpoint);
            assertTrue(insecure.refusal(endpoint).isPresent(), endpoint);
        }
    }

    @Test
    void somethingThatIsNotAPushUrlIsRefused() {
        assertTrue(secure.refusal("ftp://push.example.com/x").isPresent());
        assertTrue(secure.refusal("https://user:pw@push.example.com/x").isPresent());
        assertTrue(secure.refusal("not a url").isPresent());
        assertTrue(insecure.refusal("file:///etc/passwd").isPresent());
    }
}
