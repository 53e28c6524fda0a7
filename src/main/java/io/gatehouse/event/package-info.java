/** The canonical, vendor-free access event that every vendor's webhook is normalized into. */
package io.gatehouse.event;
