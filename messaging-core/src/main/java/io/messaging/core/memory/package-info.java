/**
 * In-memory adapters of the out-ports, for embedding, tests and benchmarks: every store, the in-process event bus, an
 * opaque-token issuer, a mailer that records what it would send and a clock that moves when told.
 */
package io.messaging.core.memory;
