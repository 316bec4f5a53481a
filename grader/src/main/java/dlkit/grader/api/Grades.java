package dlkit.grader.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the exercise a hidden test class grades: the student's class, whose source file is the
 * file the student submits. Example: {@code @Grades(Adam.class)} grades {@code dlkit/optim/Adam.java}.
 *
 * <p>A bug is charged once: the test class runs on the student's class for this exercise and on
 * the reference's for the other exercises that the test or the reference's solution of this one
 * uses (SineFit's tests train the student's SineFit with the reference's Dense and Adam), unless {@link #ownParts} says the exercise is about composing the
 * student's own parts.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Grades {
    Class<?> value();

    /**
     * True for an exercise that composes the student's own parts (the capstone): its tests run on
     * the student's classes throughout, and its feedback names the parts that lost points in their own tests.
     */
    boolean ownParts() default false;
}
