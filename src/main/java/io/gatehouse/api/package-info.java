/** The read API under /api: stored canonical events as JSON, behind a bearer token. */
package io.gatehouse.api;
