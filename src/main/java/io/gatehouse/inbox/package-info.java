/** The inbox: each verified webhook exactly as received, committed once per de-duplication key before the reply. */
package io.gatehouse.inbox;
