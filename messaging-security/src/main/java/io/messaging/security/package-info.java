/**
 * Out-port adapters for account security that need no web framework: the bcrypt password hasher, the JWT token
 * issuer and the SMTP mailer of activation and reset links.
 */
package io.messaging.security;
