package io.gatehouse.database;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Ids of new rows: UUIDv7, whose leading bits are the creation time. A random UUID puts each insert on a random page
 * of the primary-key index, and every commit then rewrites pages all over it (H2 writes each changed page at
 * commit); time-ordered ids keep the inserts of one moment on the same last page. They still sort and print as the
 * UUIDs they were before.
 */
public final class RowIds {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private RowIds() {
    }

    public static String next() {
        return GENERATOR.generate().toString();
    }
}
