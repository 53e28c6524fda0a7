/** Seam's API as a directory of names (devices, access codes) for enrichment; vendor-definitions/seam.yaml names it. */
package io.gatehouse.seam;
