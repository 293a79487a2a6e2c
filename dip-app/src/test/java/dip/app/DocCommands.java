package dip.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The commands shown in README.md and docs/*.md: every line of their {@code sh} (or {@code bash}) code blocks, with
 * continued lines joined, comments dropped, split at {@code &&} and {@code ;}, and cut into words as a shell would. Each
 * front-end's DocsCommandsTest checks (or runs) those of its own commands, so that no command shown goes stale.
 */
public final class DocCommands {
    private DocCommands() {}

    /**
     * One command as shown.
     * @param file  the document, relative to the repository
     * @param line  the line it starts on
     * @param words its words: quotes removed, {@code $(...)} kept as written, leading VAR=value assignments dropped
     */
    public record Command(String file, int line, String text, List<String> words) {
        /** The program: {@code ./dip}, {@code mvn}, {@code curl}, ... */
        public String program() { return words.get(0); }

        /** The words after the program. */
        public List<String> args() { return words.subList(1, words.size()); }

        /** The words after {@code ./dip SUBCOMMAND}. */
        public List<String> afterSubcommand() { return words.subList(2, words.size()); }

        /** For {@code ./dip}: the subcommand (its first word), or "" when there is none. */
        public String subcommand() { return words.size() > 1 ? words.get(1) : ""; }

        @Override
        public String toString() { return file + ":" + line + ": " + text; }
    }

    /** The repository's root: the parent of the module the tests run in. */
    public static Path root() { return Path.of("..").toAbsolutePath().normalize(); }

    /** README.md and docs/*.md. */
    public static List<Path> documents() {
        List<Path> docs = new ArrayList<>(List.of(root().resolve("README.md")));
        try (Stream<Path> s = Files.list(root().resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /** Every command of every shell block of the documents. */
    public static List<Command> all() {
        List<Command> commands = new ArrayList<>();
        for (Path doc : documents()) {
            String name = root().relativize(doc).toString();
            for (Block b : blocks(doc)) {
                if (!List.of("sh", "bash", "shell").contains(b.language())) {
                    continue;
                }
                List<String> lines = b.lines();
                for (int i = 0; i < lines.size(); i++) {
                    int first = i;
                    StringBuilder text = new StringBuilder(lines.get(i));
                    while (text.toString().endsWith("\\") && i + 1 < lines.size()) {
                        text.setLength(text.length() - 1);
                        text.append(' ').append(lines.get(++i).strip());
                    }
                    for (String c : split(text.toString())) {
                        List<String> words = words(c);
                        if (!words.isEmpty()) {
                            commands.add(new Command(name, b.line() + first, c.strip(), words));
                        }
                    }
                }
            }
        }
        return commands;
    }

    /** The {@code ./dip} commands whose subcommand is one of {@code subcommands}. */
    public static List<Command> dip(String... subcommands) {
        return all().stream().filter(c -> c.program().equals("./dip") && List.of(subcommands).contains(c.subcommand())).toList();
    }

    /** The commands of one program ({@code curl}, {@code spark-submit}, ...). */
    public static List<Command> of(String program) {
        return all().stream().filter(c -> c.program().equals(program)).toList();
    }

    /**
     * The settings files shown: each {@code properties} block whose first line is a comment naming the file
     * ({@code # denoise.properties}), and each {@code json} block, by its document and line ({@code LIBRARY.md-42.json}).
     */
    public static Map<String, String> settingsFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        for (Path doc : documents()) {
            for (Block b : blocks(doc)) {
                String text = String.join("\n", b.lines()) + "\n";
                if (b.language().equals("properties") && b.lines().get(0).matches("# [\\w.-]+\\.properties")) {
                    files.put(b.lines().get(0).substring(2), text);
                } else if (b.language().equals("json")) {
                    files.put(doc.getFileName().toString().replace(".md", "") + "-" + b.line() + ".json", text);
                }
            }
        }
        return files;
    }

    /** A fenced code block: its language, the line of its first line, its lines. */
    record Block(String language, int line, List<String> lines) {}

    static List<Block> blocks(Path doc) {
        List<String> lines;
        try {
            lines = Files.readAllLines(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("```") && lines.get(i).length() > 3) {
                String language = lines.get(i).substring(3).strip();
                int start = i + 1;
                List<String> body = new ArrayList<>();
                while (++i < lines.size() && !lines.get(i).startsWith("```")) {
                    body.add(lines.get(i));
                }
                blocks.add(new Block(language, start + 1, body));
            }
        }
        return blocks;
    }

    /** A line cut at {@code &&} and {@code ;} outside quotes and {@code $(...)}, without its comment. */
    static List<String> split(String line) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        int depth = 0;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quote != 0) {
                quote = ch == quote ? 0 : quote;
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
            } else if (ch == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(') {
                depth++;
            } else if (ch == ')' && depth > 0) {
                depth--;
            } else if (depth == 0 && ch == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                break;
            } else if (depth == 0 && (ch == ';' || ch == '&' && i + 1 < line.length() && line.charAt(i + 1) == '&')) {
                parts.add(cur.toString());
                cur.setLength(0);
                i += ch == '&' ? 1 : 0;
                continue;
            }
            cur.append(ch);
        }
        parts.add(cur.toString());
        return parts.stream().filter(p -> !p.isBlank()).toList();
    }

    /**
     * A command's words: quotes removed, {@code $(...)} kept as written, leading VAR=value assignments dropped; a command
     * that is only {@code var=$(...)} gives the words of the command inside.
     */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = null;
        char quote = 0;
        int depth = 0;
        for (int i = 0; i < command.length(); i++) {
            char ch = command.charAt(i);
            if (depth > 0) {
                depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
                cur.append(ch);
            } else if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else {
                    cur.append(ch);
                }
            } else if (Character.isWhitespace(ch)) {
                if (cur != null) {
                    words.add(cur.toString());
                    cur = null;
                }
            } else {
                cur = cur == null ? new StringBuilder() : cur;
                if (ch == '\'' || ch == '"') {
                    quote = ch;
                } else if (ch == '$' && i + 1 < command.length() && command.charAt(i + 1) == '(') {
                    cur.append("$(");
                    i++;
                    depth = 1;
                } else if (ch == '\\' && i + 1 < command.length()) {
                    cur.append(command.charAt(++i));
                } else {
                    cur.append(ch);
                }
            }
        }
        if (cur != null) {
            words.add(cur.toString());
        }
        if (words.size() == 1 && words.get(0).matches("[A-Za-z_][A-Za-z0-9_]*=\\$\\(.*\\)")) {
            String w = words.get(0);
            return words(w.substring(w.indexOf("$(") + 2, w.length() - 1));
        }
        while (words.size() > 1 && words.get(0).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            words.remove(0);
        }
        return words;
    }
}
