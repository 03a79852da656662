/** The framework-free messaging domain: model, ports, use cases and in-memory adapters. */
package io.messaging.core;
