package io.drwatch.testkit;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One lab pair per test class, injected as a parameter (test method, constructor, @BeforeAll ...).
 * Nested classes share their outer class's pair.
 */
abstract class LabPairExtension<T extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private final Class<T> type;

    LabPairExtension(Class<T> type) {
        this.type = type;
    }

    /** Starts a pair in its own directory under {@code baseDir}. */
    abstract T start(Path baseDir) throws Exception;

    private record Owned(Object pair, String ownerId) {
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ExtensionContext.Store store = store(context);
        if (store.get(type) != null) {
            return; // an outer class already owns one
        }
        // The pair makes its own subdirectory and deletes it on close; the system temp dir is reachable
        // by the postgres user, unlike a mode-700 JUnit @TempDir.
        T pair = start(Path.of(System.getProperty("java.io.tmpdir")));
        store.put(type, new Owned(pair, context.getUniqueId()));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Owned owned = store(context).get(type, Owned.class);
        if (owned != null && owned.ownerId().equals(context.getUniqueId())) {
            store(context).remove(type);
            type.cast(owned.pair()).close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == type;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Owned owned = store(extensionContext).get(type, Owned.class);
        if (owned == null) {
            throw new IllegalStateException(type.getSimpleName() + " is per class: register the extension on the class");
        }
        return owned.pair();
    }

    private ExtensionContext.Store store(ExtensionContext context) {
        return context.getStore(ExtensionContext.Namespace.create(LabPairExtension.class, type));
    }
}
