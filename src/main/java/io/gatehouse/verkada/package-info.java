/** Verkada: its notification webhook model, its Verkada-Signature check and its access-control normalizer. */
package io.gatehouse.verkada;
