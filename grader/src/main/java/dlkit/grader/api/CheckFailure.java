package dlkit.grader.api;

import org.opentest4j.AssertionFailedError;

/**
 * What {@link Check} throws: an assertion failure carrying its {@link Failure} as data, for the
 * report; its message is {@link Failure#summary()}, and its expected and actual values (the two
 * matrices as text, where there are any) let an IDE show a diff.
 */
public final class CheckFailure extends AssertionFailedError {

    private static final long serialVersionUID = 1L;

    private final transient Failure failure;

    public CheckFailure(Failure failure) {
        super(failure.summary());
        this.failure = failure;
    }

    public CheckFailure(Failure failure, Object expected, Object actual) {
        super(failure.summary(), expected, actual);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
