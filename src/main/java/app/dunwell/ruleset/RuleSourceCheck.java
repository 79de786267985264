package app.dunwell.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules are code, so before anything compiles a rule file is read for what a policy never needs: types from outside the
 * facts and helpers ({@code app.dunwell.policy}, {@code app.dunwell.decision}), {@code java.time}, {@code java.math} and
 * the {@code java.util} collections, whether imported or written out in full; and the names that reach the system,
 * files, the network, threads or reflection ({@code System}, {@code Runtime}, {@code Thread}, {@code Class}…), whatever
 * package they come from. DMN files may not call Java or PMML ({@code external} functions). Every finding names its file
 * and line. This is the first wall; candidate rules sent over HTTP also run in the sandbox (see {@code app.dunwell.sandbox}).
 */
public final class RuleSourceCheck {
    private static final List<String> ALLOWED_PACKAGES = List.of("app.dunwell.policy", "app.dunwell.decision", "java.time", "java.math");
    private static final Set<String> ALLOWED_JAVA_UTIL = Set.of("List", "ArrayList", "LinkedList", "Map", "HashMap", "LinkedHashMap",
            "TreeMap", "Set", "HashSet", "LinkedHashSet", "TreeSet", "EnumSet", "EnumMap", "Collection", "Collections", "Arrays",
            "Objects", "Optional", "Comparator", "Iterator");
    private static final Set<String> DENIED_NAMES = Set.of("System", "Runtime", "ProcessBuilder", "Process", "ProcessHandle", "Thread",
            "ThreadGroup", "ThreadLocal", "InheritableThreadLocal", "ClassLoader", "Class", "getClass", "forName", "SecurityManager",
            "StackWalker", "Module", "ModuleLayer", "Unsafe", "MethodHandles", "MethodHandle", "Method", "Field", "Constructor",
            "Files", "Paths", "Path", "File", "FileInputStream", "FileOutputStream", "RandomAccessFile", "FileReader", "FileWriter",
            "Socket", "ServerSocket", "DatagramSocket", "URL", "URI", "URLConnection", "HttpClient", "InetAddress", "Executors",
            "ExecutorService", "CompletableFuture", "ForkJoinPool", "Timer", "Panache", "EntityManager", "Arc", "CDI",
            "ScriptEngineManager", "Compiler", "exec", "exit", "halt0", "loadLibrary", "load");
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+(?:static\\s+|function\\s+|accumulate\\s+)?([\\w.$*]+)");
    private static final Pattern QUALIFIED = Pattern.compile("\\b([a-z_][a-z0-9_]*(?:\\.[a-z_][a-z0-9_]*)+)\\.([A-Z][A-Za-z0-9_]*)");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern CLASS_LITERAL = Pattern.compile("\\.\\s*class\\b");
    private static final Pattern DIALECT_MVEL = Pattern.compile("\\bdialect\\s+\"mvel\"");
    private static final Pattern DMN_EXTERNAL = Pattern.compile("\\bexternal\\s*\\{|kind\\s*=\\s*\"(?:Java|PMML)\"");

    private RuleSourceCheck() {
    }

    /** Every finding in the DRL and DMN files; empty when they may be compiled. */
    public static List<RuleFileError> check(Map<String, String> drl, Map<String, String> dmn) {
        List<RuleFileError> errors = new ArrayList<>();
        drl.forEach((name, text) -> checkDrl(name, text, errors));
        dmn.forEach((name, text) -> {
            Matcher m = DMN_EXTERNAL.matcher(text);
            while (m.find()) {
                errors.add(new RuleFileError(name, lineOf(text, m.start()), "calls outside the decision model ("
                        + m.group().strip() + "): DMN tables in a policy may not call Java or PMML functions"));
            }
        });
        return errors;
    }

    private static void checkDrl(String name, String text, List<RuleFileError> errors) {
        String code = codeOnly(text);
        Matcher imports = IMPORT.matcher(code);
        while (imports.find()) {
            String imported = imports.group(1);
            if (!allowedImport(imported)) {
                errors.add(new RuleFileError(name, lineOf(code, imports.start(1)), "import " + imported + " is not allowed: rules may import "
                        + "the fact and helper types (app.dunwell.policy.*, app.dunwell.decision.*), java.time, java.math and the java.util collections"));
            }
        }
        String body = IMPORT.matcher(code).replaceAll(m -> " ".repeat(m.group().length()));
        Matcher qualified = QUALIFIED.matcher(body);
        while (qualified.find()) {
            if (!allowedType(qualified.group(1), qualified.group(2))) {
                errors.add(new RuleFileError(name, lineOf(body, qualified.start()), qualified.group(1) + "." + qualified.group(2)
                        + " is not allowed in rules: only the fact and helper types, java.time, java.math and the java.util collections"));
            }
        }
        Matcher identifiers = IDENTIFIER.matcher(body);
        while (identifiers.find()) {
            if (DENIED_NAMES.contains(identifiers.group())) {
                errors.add(new RuleFileError(name, lineOf(body, identifiers.start()), "'" + identifiers.group() + "' is not allowed in rules: "
                        + "a rule decides from the facts it is given and may not reach the system, files, the network, threads or reflection"));
            }
        }
        Matcher literal = CLASS_LITERAL.matcher(body);
        while (literal.find()) {
            errors.add(new RuleFileError(name, lineOf(body, literal.start()), "class literals ('.class') are not allowed in rules (reflection)"));
        }
        Matcher mvel = DIALECT_MVEL.matcher(text);
        while (mvel.find()) {
            errors.add(new RuleFileError(name, lineOf(text, mvel.start()), "dialect \"mvel\" is not allowed: consequences are written in the java dialect"));
        }
    }

    private static boolean allowedImport(String imported) {
        String type = imported.endsWith(".*") ? imported.substring(0, imported.length() - 2) : imported;
        if (imported.endsWith(".*")) {
            return ALLOWED_PACKAGES.contains(type) || type.startsWith("java.time.");
        }
        int dot = type.lastIndexOf('.');
        if (dot < 0) {
            return false;
        }
        // "import function a.b.Type.method" and "import static a.b.Type.member": the type is one segment up.
        String last = type.substring(dot + 1);
        if (!last.isEmpty() && Character.isLowerCase(last.charAt(0))) {
            type = type.substring(0, dot);
            dot = type.lastIndexOf('.');
            if (dot < 0) {
                return false;
            }
        }
        return allowedType(type.substring(0, dot), type.substring(dot + 1));
    }

    private static boolean allowedType(String pkg, String simpleName) {
        String outer = simpleName.contains("$") ? simpleName.substring(0, simpleName.indexOf('$')) : simpleName;
        if (pkg.equals("java.util")) {
            return ALLOWED_JAVA_UTIL.contains(outer);
        }
        return (ALLOWED_PACKAGES.contains(pkg) || pkg.startsWith("java.time.")) && !DENIED_NAMES.contains(outer);
    }

    /** The text with comments, strings and character literals blanked out (lines and columns kept). */
    static String codeOnly(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
                for (; i < end; i++) {
                    out.append(text.charAt(i) == '\n' ? '\n' : ' ');
                }
            } else if (c == '"' || c == '\'') {
                out.append(' ');
                i++;
                while (i < text.length() && text.charAt(i) != c && text.charAt(i) != '\n') {
                    if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                        out.append(' ');
                        i++;
                    }
                    out.append(' ');
                    i++;
                }
                if (i < text.length()) {
                    out.append(text.charAt(i) == '\n' ? '\n' : ' ');
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
