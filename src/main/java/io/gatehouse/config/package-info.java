/**
 * Web server and start-up set-up, and the typed configuration that several features share: the sources' webhook
 * secrets (gatehouse.vendors). Each feature's own gatehouse.* prefix is typed in that feature's package.
 */
package io.gatehouse.config;
