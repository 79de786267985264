package app.dunwell.ruleset;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The class loader the rule compilers see: the service's own, with every lookup remembered, found or not. Compiling DRL
 * makes Drools try many names for each type a rule mentions (each import, each package), and the packaged service's
 * class loader answers a name it does not know by reopening jar files; remembering the answers takes seconds off every
 * reload. The installed classes do not change while the service runs, so an answer stays true; classes a ruleset
 * generates are defined by Drools' own loader below this one, never here.
 */
final class RememberingClassLoader extends ClassLoader {
    /** More distinct names than a ruleset would ever ask for; past it, lookups are answered without remembering. */
    private static final int LIMIT = 200_000;

    static final RememberingClassLoader INSTANCE = new RememberingClassLoader(RulesetCompiler.class.getClassLoader());

    static {
        registerAsParallelCapable();
    }

    private final ConcurrentMap<String, Optional<Class<?>>> answers = new ConcurrentHashMap<>();

    private RememberingClassLoader(ClassLoader parent) {
        super("dunwell-rules", parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        Optional<Class<?>> known = answers.get(name);
        if (known == null) {
            try {
                known = Optional.of(getParent().loadClass(name));
            } catch (ClassNotFoundException e) {
                known = Optional.empty();
            }
            if (answers.size() < LIMIT) {
                answers.put(name, known);
            }
        }
        if (known.isEmpty()) {
            throw new NotFound(name);
        }
        return known.get();
    }

    /** A class that is not there, without the cost of a stack trace: Drools asks for many and expects most to be missing. */
    private static final class NotFound extends ClassNotFoundException {
        NotFound(String name) {
            super(name);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
