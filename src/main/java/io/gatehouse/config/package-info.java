/** Web server and start-up set-up, and the typed gatehouse.* configuration shared by several features. */
package io.gatehouse.config;
