// Runs EPUBCheck on many EPUB files in one JVM (each JVM start costs seconds).
// Usage: java -cp epubcheck.jar EpubCheckMany.java FILE.epub ...
// Prints every message; exits 1 if any file has a fatal error, error or warning
// (the same verdict as `epubcheck --failonwarnings`), else 0.
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.DefaultReportImpl;
import java.io.File;

public class EpubCheckMany {
    public static void main(String[] args) {
        int failed = 0;
        for (String name : args) {
            DefaultReportImpl report = new DefaultReportImpl(name);
            new EpubCheck(new File(name), report).doValidate();
            int messages = report.getFatalErrorCount() + report.getErrorCount() + report.getWarningCount();
            System.out.println((messages == 0 ? "PASS " : "FAIL ") + messages + " " + name);
            if (messages > 0) failed++;
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
