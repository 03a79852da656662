package io.messaging.push;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Keeps the server from being used to reach what users should not reach through it: a push endpoint must be
 * {@code https://} to a host whose every address is public. With insecure endpoints allowed (local push services and
 * tests), {@code http://} and loopback addresses pass too; private, link-local and other special ranges never do.
 */
final class EndpointGuard {
    /** Resolves a host name to its addresses; the system resolver in production. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowInsecure;
    private final Resolver resolver;

    EndpointGuard(boolean allowInsecure, Resolver resolver) {
        this.allowInsecure = allowInsecure;
        this.resolver = resolver;
    }

    /** Why this endpoint is refused, or empty if it may be reached. Resolves the host. */
    Optional<String> refusal(String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            return Optional.of("not a URL");
        }
        boolean https = "https".equals(uri.getScheme());
        if (!https && !(allowInsecure && "http".equals(uri.getScheme()))) {
            return Optional.of("only https:// push services are reached");
        }
        String host = uri.getHost();
        if (host == null || uri.getRawUserInfo() != null) {
            return Optional.of("no host, or credentials in the URL");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return Optional.of("the host does not resolve");
        }
        for (InetAddress address : addresses) {
            boolean allowedLoopback = allowInsecure && address.isLoopbackAddress();
            if (!allowedLoopback && !isPublic(address)) {
                return Optional.of("the host resolves to a non-public address");
            }
        }
        return addresses.length == 0 ? Optional.of("the host does not resolve") : Optional.empty();
    }

    /** Whether the address is on the public internet: none of the loopback, private or reserved ranges. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return !(first == 0
                    || first >= 240
                    || (first == 100 && second >= 64 && second < 128)
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 2)
                    || (first == 198 && (second == 18 || second == 19))
                    || (first == 198 && second == 51 && (b[2] & 0xff) == 100)
                    || (first == 203 && second == 0 && (b[2] & 0xff) == 113));
        }
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
            boolean documentation =
                    (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8;
            boolean embedsIpv4 = isNat64(b) || isCompatible(b);
            if (embedsIpv4) {
                try {
                    return isPublic(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return !uniqueLocal && !documentation;
        }
        return false;
    }

    private static boolean isNat64(byte[] b) {
        if (!((b[0] & 0xff) == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b)) {
            return false;
        }
        for (int i = 4; i < 12; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code ::a.b.c.d}, the deprecated IPv4-compatible form (the mapped form already arrives as IPv4). */
    private static boolean isCompatible(byte[] b) {
        for (int i = 0; i < 12; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
