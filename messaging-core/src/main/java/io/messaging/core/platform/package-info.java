/**
 * Out-port adapters backed by the Java platform alone, holding no data: the system clock, random ids and PBKDF2
 * password hashing. The in-memory stores and the in-process event bus are in {@code io.messaging.core.memory}.
 */
package io.messaging.core.platform;
