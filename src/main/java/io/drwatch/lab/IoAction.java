package io.drwatch.lab;

import java.io.IOException;

@FunctionalInterface
interface IoAction {
    void run() throws IOException;
}
