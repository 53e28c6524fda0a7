/** Database access that the routes cannot express as a plain camel-sql call: row mapping and inbox recovery. */
package io.gatehouse.store;
