package app.dunwell.sandbox;

import java.io.FilePermission;
import java.net.SocketPermission;
import java.nio.file.Path;
import java.security.Permission;
import java.util.List;

/**
 * The security manager of the sandbox process: once the candidate's files are read, nothing in that process may write,
 * delete or run a file, read a file outside the Java runtime and the class path, open or resolve a network address, read
 * the environment, replace standard output, load native code, reach {@code sun.misc.Unsafe}, lift this guard or end the
 * process before its verdict is written. Everything else (class loading, reflection inside the class path, which Drools
 * needs to compile) goes on. It is one of the sandbox's walls; the others are the process itself (its own memory, no
 * credentials in its environment, no network namespace where Linux allows one) and the parent's CPU and wall-time limits.
 */
final class SandboxGuard extends SecurityManager {
    private final List<String> readable;
    private volatile boolean exitAllowed;

    SandboxGuard(List<Path> readableRoots) {
        this.readable = readableRoots.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
    }

    /** Lets the process end, once the verdict is written. */
    void allowExit() {
        exitAllowed = true;
    }

    @Override
    public void checkPermission(Permission permission) {
        if (permission instanceof FilePermission file) {
            checkFile(file);
        } else if (permission instanceof SocketPermission) {
            throw denied("the network (" + permission.getName() + ")");
        } else if (permission instanceof RuntimePermission runtime) {
            checkRuntime(runtime.getName());
        }
    }

    @Override
    public void checkPermission(Permission permission, Object context) {
        checkPermission(permission);
    }

    private void checkFile(FilePermission file) {
        String actions = file.getActions();
        if (!actions.equals("read")) {
            throw denied("files (" + actions + " " + file.getName() + ")");
        }
        String name = file.getName();
        String path;
        try {
            path = name.equals("<<ALL FILES>>") ? name : Path.of(name).toAbsolutePath().normalize().toString();
        } catch (RuntimeException e) {
            throw denied("files (read " + name + ")");
        }
        for (String root : readable) {
            if (path.equals(root) || path.startsWith(root + "/")) {
                return;
            }
        }
        throw denied("files outside the Java runtime and the class path (read " + path + ")");
    }

    private void checkRuntime(String name) {
        if (name.startsWith("exitVM")) {
            if (!exitAllowed) {
                throw denied("ending the process");
            }
        } else if (name.equals("setSecurityManager") || name.equals("createSecurityManager") || name.equals("setIO")
                || name.startsWith("writeFileDescriptor") || name.startsWith("readFileDescriptor") || name.startsWith("getenv.")
                || name.startsWith("loadLibrary.") || name.equals("accessClassInPackage.sun.misc")
                || name.equals("accessClassInPackage.sun.reflect") || name.equals("setFactory")
                || name.equals("setDefaultUncaughtExceptionHandler") || name.equals("shutdownHooks")) {
            throw denied(name);
        }
    }

    private static final boolean DEBUG = System.getProperty("dunwell.sandbox.debug") != null;

    private static SecurityException denied(String what) {
        SecurityException e = new SecurityException("sandbox: rules may not use " + what);
        if (DEBUG) {
            e.printStackTrace();
        }
        return e;
    }
}
