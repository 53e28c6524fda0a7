/** Recording a normalized event: the event recorder's group commit and the access_event table. */
package io.gatehouse.recording;
