package dlkit.grader.hostile;

import static dlkit.grader.Submissions.ADAM;
import static dlkit.grader.Submissions.adamWithStepPrefix;
import static dlkit.grader.Submissions.solution;
import static org.assertj.core.api.Assertions.assertThat;

import dlkit.grader.report.GradeReport.ExerciseReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks the bytecode policy refuses, through the real command line: file payloads aimed at
 * the canary (java.util.Formatter, EJML's MatrixIO), a read whose first word would come back in
 * an exception message, every route to another thread the issue found, and loading the digits
 * whose test part the grader keeps to itself. Each attack is its
 * own submission (Adam.java attacking, Momentum.java the reference, which keeps its points), all
 * graded in one class run with a clean classmate who hands in Adam's reference solution.
 */
class PolicyAttackTest {

    static final String MOMENTUM = "dlkit/optim/Momentum.java";
    static final String SECRET = "SWORDFISH" + 4242;

    @TempDir
    static Path tmp;

    static Attack attack;
    static Attack.Run run;

    /** The attacks by student folder: the code run first in Adam.update, or a whole Adam.java. */
    static String[][] attacks() {
        Path secret = tmp.resolve("secret.csv");
        String secretLiteral = '"' + secret.toString().replace("\\", "\\\\") + '"';
        return new String[][] {
            {"formatter", step("try { new java.util.Formatter(" + attack.canaryLiteral("formatter.txt")
                    + ").format(\"owned\").flush(); } catch (Exception e) { }"),
                "new java.util.Formatter(String) is not allowed (it opens a file)"},
            {"savecsv", step("try { org.ejml.ops.MatrixIO.saveDenseCSV(new DMatrixRMaj(1, 1), "
                    + attack.canaryLiteral("matrix.csv") + "); } catch (Exception e) { }"),
                "org.ejml.ops.MatrixIO.saveDenseCSV is not allowed (it reads and writes files)"},
            {"savematlab", step("try { org.ejml.ops.MatrixIO.saveMatlab(new DMatrixRMaj(1, 1), "
                    + attack.canaryLiteral("matrix.mat") + "); } catch (Exception e) { }"),
                "org.ejml.ops.MatrixIO.saveMatlab is not allowed (it reads and writes files)"},
            {"loadcsv", step("try { org.ejml.ops.MatrixIO.loadCSV(" + secretLiteral + ", false); }"
                    + " catch (Exception e) { throw new IllegalStateException(e.getMessage()); }"),
                "org.ejml.ops.MatrixIO.loadCSV is not allowed (it reads and writes files)"},
            {"publisher", step("new java.util.concurrent.SubmissionPublisher<String>().submit(\"x\");"),
                "java.util.concurrent.SubmissionPublisher is not allowed (it delivers its items on other threads)"},
            {"bulk", step("new java.util.concurrent.ConcurrentHashMap<String, Integer>(java.util.Map.of(\"a\", 1))"
                    + ".forEach(1L, (k, v) -> { });"),
                "java.util.concurrent.ConcurrentHashMap.forEach(long, BiConsumer) is not allowed"
                        + " (with a parallelism threshold it runs on threads)"},
            {"streamsupport", step("java.util.stream.StreamSupport.stream(java.util.List.of(1, 2).spliterator(), true)"
                    + ".forEach(x -> { });"),
                "java.util.stream.StreamSupport.stream(Spliterator, boolean) is not allowed"
                        + " (it makes a parallel stream, which runs on threads, unless its last argument is the constant false)"},
            {"ejmlthreads", step("org.ejml.concurrency.EjmlConcurrency.setMaxThreads(8);"
                    + " org.ejml.dense.row.CommonOps_MT_DDRM.mult(new DMatrixRMaj(2, 2), new DMatrixRMaj(2, 2), new DMatrixRMaj(2, 2));"),
                "org.ejml.concurrency.EjmlConcurrency.setMaxThreads is not allowed (threads (EJML's concurrency settings))"},
            {"finalizer", step("new Leftover();") + "\nclass Leftover {\n    @Override\n"
                    + "    protected void finalize() { Leftover.class.hashCode(); }\n}\n",
                "a finalize() method is not allowed (it runs on the JVM's finaliser thread, after the test)"},
            {"closeout", step("try { ((AutoCloseable) System.out).close(); } catch (Exception e) { }"),
                "AutoCloseable.close is not allowed (it could close System.out)"},
            {"digits", step("System.out.println(dlkit.capstone.Digits.split().test().labels().length);"),
                "dlkit.capstone.Digits.split is not allowed (it loads the whole digits data set, the test part and its"
                        + " labels included; DigitClassifier.train is given the training and validation parts)"},
            {"locale", step("java.util.Locale.setDefault(java.util.Locale.GERMANY);"),
                "java.util.Locale.setDefault(Locale) is not allowed"
                        + " (it changes a default of the whole JVM, the grader's own formatting included)"},
        };
    }

    static String step(String code) {
        return adamWithStepPrefix("        " + code + "\n");
    }

    @BeforeAll
    static void gradeTheClass() throws IOException {
        attack = new Attack(tmp);
        Files.writeString(tmp.resolve("secret.csv"), SECRET + " 1 2\n");
        for (String[] a : attacks()) {
            attack.student(a[0], "src/main/java/" + ADAM, a[1], "src/main/java/" + MOMENTUM, solution(MOMENTUM));
        }
        attack.student("classmate", "src/main/java/" + ADAM, solution(ADAM));
        run = attack.gradeClass();
    }

    @Test
    void theRunFinishesAndTheClassmateScoresFullMarksOnAdam() throws IOException {
        assertThat(run.exitCode()).as(run.err()).isZero();
        ExerciseReport adam = run.exercise("classmate", "Adam");
        assertThat(adam.maxScore()).isPositive();
        assertThat(run.score("classmate")).isEqualTo(adam.maxScore());
    }

    @Test
    void eachAttackIsGradedAsItsStubWithTheRefusalNamedAndItsOtherFileKeepsItsPoints() throws IOException {
        for (String[] a : attacks()) {
            ExerciseReport adam = run.exercise(a[0], "Adam");
            ExerciseReport momentum = run.exercise(a[0], "Momentum");
            assertThat(adam.score()).as(a[0]).isZero();
            assertThat(adam.notes()).as(a[0]).anySatisfy(n -> assertThat(n).contains(a[2]));
            assertThat(momentum.maxScore()).isPositive();
            assertThat(run.score(a[0])).as(a[0]).isEqualTo(momentum.maxScore());
        }
    }

    @Test
    void theNotesNameTheLineOfTheAttack() throws IOException {
        String source = attacks()[0][1];
        int line = dlkit.grader.Submissions.lineOf(source, "java.util.Formatter(");
        assertThat(run.exercise("formatter", "Adam").notes())
                .anySatisfy(n -> assertThat(n).contains("Adam.java:" + line + ": new java.util.Formatter(String)"));
    }

    @Test
    void nothingWasWrittenOutsideTheOutput() throws IOException {
        attack.assertCanaryUntouched();
    }

    @Test
    void theSecretFileIsInNoReportAndNotOnTheConsole() throws IOException {
        run.assertNotShown(SECRET);
    }
}
