/** Tedee's API as a directory of names (locks) for enrichment; vendor-definitions/tedee.yaml names it. */
package io.gatehouse.tedee;
