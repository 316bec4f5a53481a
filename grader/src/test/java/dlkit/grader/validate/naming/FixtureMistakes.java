package dlkit.grader.validate.naming;

import dlkit.grader.api.Check.Known;

/** Known mistakes as a hidden test declares them, for {@code MistakeNamingTest}. */
class FixtureMistakes {

    static final Known WRONG_SIGN = new Known("Fixture/wrong-sign", "the gradient's sign is flipped");
    private static final Known NO_BIAS = new Known("Fixture/no-bias", "the bias is left out");
    final String notAMistake = "Fixture/instance-field";

    static class Nested {
        static final Known TRANSPOSED = new Known("Fixture/transposed", "the weights are transposed");
    }
}
