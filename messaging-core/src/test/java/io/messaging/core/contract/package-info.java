/** Abstract contract tests that every store adapter runs against itself. */
package io.messaging.core.contract;
