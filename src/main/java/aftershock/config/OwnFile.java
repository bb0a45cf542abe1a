package aftershock.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;

import java.io.File;

/** A team's own HOCON file ({@code -Daftershock.config} or AFTERSHOCK_CONFIG), layered over the defaults. */
final class OwnFile {

    private OwnFile() {
    }

    /** The file's settings, all inside {@code aftershock { ... }}; empty when no file is named. */
    static Config parse(String name) {
        if (name == null || name.isBlank()) {
            return ConfigFactory.empty();
        }
        File file = new File(name);
        if (!file.isFile()) {
            throw new ConfigurationException("aftershock.config names " + file.getAbsolutePath() + ", which is not a"
                    + " file: give the path of your HOCON file, for example -Daftershock.config=staging.conf");
        }
        Config own = ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false));
        for (String top : own.root().keySet()) {
            if (!top.equals(Settings.ROOT)) {
                throw new ConfigurationException(name + " sets '" + top + "', outside aftershock { ... }: put every"
                        + " setting inside aftershock { ... }, as in Aftershock's own aftershock.conf");
            }
        }
        return own;
    }
}
