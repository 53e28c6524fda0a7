/** One sub-package per vendor: its Jackson model, its proof of origin and its normalizer, and nothing else. */
package io.gatehouse.vendor;
