/** The JSON shapes of the wire contract, shared by the REST and real-time adapters. */
package io.messaging.wire;
