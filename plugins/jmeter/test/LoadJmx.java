// Loads .jmx files the way JMeter's GUI and CLI do (SaveService.loadTree), for the corpus test:
//   java -cp "JMETER_HOME/lib/*:JMETER_HOME/lib/ext/*" LoadJmx.java JMETER_HOME FILE...
// Prints "OK <file> <elements>" or "FAIL <file> <error>" per file; exits 1 when any fails.
import java.io.File;
import org.apache.jmeter.save.SaveService;
import org.apache.jmeter.util.JMeterUtils;
import org.apache.jorphan.collections.HashTree;

public class LoadJmx {
    private static int count(HashTree tree) {
        int total = 0;
        for (Object key : tree.list()) total += 1 + count(tree.getTree(key));
        return total;
    }

    public static void main(String[] args) throws Exception {
        String home = args[0];
        JMeterUtils.setJMeterHome(home);
        JMeterUtils.loadJMeterProperties(home + "/bin/jmeter.properties");
        JMeterUtils.initLocale();
        SaveService.loadProperties();
        int failed = 0;
        for (int i = 1; i < args.length; i++) {
            try {
                HashTree tree = SaveService.loadTree(new File(args[i]));
                System.out.println("OK " + args[i] + " " + count(tree));
            } catch (Throwable error) {
                failed++;
                System.out.println("FAIL " + args[i] + " " + error);
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
