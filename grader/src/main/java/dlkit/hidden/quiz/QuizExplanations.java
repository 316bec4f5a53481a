package dlkit.hidden.quiz;

import dlkit.quiz.Choice;
import dlkit.quiz.Question;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * The quiz's answer key with an explanation per option, read from {@code explanations.md} next
 * to this class (the format is described at the top of that file).
 */
final class QuizExplanations {

    /** One question's entry: the right letter and why each option is right or wrong. */
    record Entry(Choice answer, Map<Choice, String> why) {}

    private static final Map<Question, Entry> ENTRIES = load();

    private QuizExplanations() {}

    /** The entry of {@code question}; every question has one (a grader test checks it). */
    static Entry of(Question question) {
        Entry entry = ENTRIES.get(question);
        if (entry == null) {
            throw new IllegalStateException("explanations.md has no section for " + question.name());
        }
        return entry;
    }

    static Map<Question, Entry> all() {
        return ENTRIES;
    }

    private static Map<Question, Entry> load() {
        String text;
        try (InputStream in = QuizExplanations.class.getResourceAsStream("explanations.md")) {
            if (in == null) {
                throw new IllegalStateException("the grader is missing dlkit/hidden/quiz/explanations.md");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Question, Entry> entries = new EnumMap<>(Question.class);
        Question question = null;
        Choice answer = null;
        Map<Choice, String> why = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("## ")) {
                if (question != null) {
                    entries.put(question, new Entry(answer, why));
                }
                question = Question.valueOf(line.substring(3).trim());
                answer = null;
                why = new EnumMap<>(Choice.class);
            } else if (question != null && line.startsWith("answer: ")) {
                answer = Choice.valueOf(line.substring(8).trim());
            } else if (question != null && line.matches("- [A-D]: .*")) {
                why.put(Choice.valueOf(line.substring(2, 3)), line.substring(5).trim());
            }
        }
        if (question != null) {
            entries.put(question, new Entry(answer, why));
        }
        return entries;
    }
}
