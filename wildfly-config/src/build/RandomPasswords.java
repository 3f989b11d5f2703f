import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Prints {@code name=password} for every name it is given, each password 128 random bits in hex (no
 * character the CLI, keytool or a WildFly expression treats specially). The build runs it in Java's
 * source-file mode, so every server it provisions has passwords of its own and none is a default.
 */
public class RandomPasswords {
    public static void main(String[] names) {
        SecureRandom random = new SecureRandom();
        for (String name : names) {
            byte[] password = new byte[16];
            random.nextBytes(password);
            System.out.println(name + "=" + HexFormat.of().formatHex(password));
        }
    }
}
