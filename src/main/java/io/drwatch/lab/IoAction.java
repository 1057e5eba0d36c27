package io.drwatch.lab;

import java.io.IOException;

@FunctionalInterface
interface IoAction {
    void run() throws IOException;

    /** For the public methods whose signatures promise no checked exceptions. */
    static void unchecked(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new LabException(e.getMessage(), e);
        }
    }
}
