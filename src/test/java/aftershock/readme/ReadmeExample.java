package aftershock.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The README's "Write your own simulation": its Java block (a whole simulation file) and the command printed under
 * it, read from README.md so that the tests check and run what a reader copies.
 */
public record ReadmeExample(String code, String command) {

    public static final Path README = Path.of("README.md");
    public static final Path SIMULATION = Path.of("src/test/java/aftershock/simulations/CartUnderRedisOutage.java");
    private static final String SECTION = "## Write your own simulation";

    /** The example as README.md prints it. */
    public static ReadmeExample read() throws IOException {
        String readme = Files.readString(README);
        int section = readme.indexOf(SECTION);
        if (section < 0) {
            throw new AssertionError("README.md has no section '" + SECTION + "'");
        }
        String rest = readme.substring(section);
        return new ReadmeExample(block(rest, "```java\n"), block(rest, "```bash\n").strip());
    }

    /** The words of the printed command after {@code mvn gatling:test}, each without its {@code -D}. */
    public List<String> properties() {
        String prefix = "mvn gatling:test ";
        if (!command.startsWith(prefix) || command.contains("\n")) {
            throw new AssertionError("the README's command is not one 'mvn gatling:test -D...' line: " + command);
        }
        return List.of(command.substring(prefix.length()).split(" ")).stream()
                .map(word -> word.startsWith("-D") ? word.substring(2) : word).toList();
    }

    private static String block(String text, String opening) {
        int start = text.indexOf(opening);
        if (start < 0) {
            throw new AssertionError("no " + opening.strip() + " block in the README's section '" + SECTION + "'");
        }
        int from = start + opening.length();
        return text.substring(from, text.indexOf("```", from));
    }
}
