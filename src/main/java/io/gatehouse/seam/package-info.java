/** Seam: its webhook model, its Svix (Standard Webhooks) signature check and its normalizer. */
package io.gatehouse.seam;
