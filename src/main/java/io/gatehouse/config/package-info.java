/**
 * Web server and start-up set-up (Tomcat, the JSON error page, the demo profile's guard). Each feature's own
 * gatehouse.* prefix is typed in that feature's package.
 */
package io.gatehouse.config;
