/** Tedee: its cloud webhook model, its shared-token check and its normalizer. */
package io.gatehouse.tedee;
