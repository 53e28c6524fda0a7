/**
 * Enrichment: puts names, doors, sites and each site's time zone to the ids of a normalized event, from the
 * operator's directory (application.yaml, CSV files, a database table) and, for what it does not name, from the
 * vendor's API (cached, with a short timeout), before rules and storage see the event.
 */
package io.gatehouse.enrich;
