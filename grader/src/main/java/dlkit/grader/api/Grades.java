package dlkit.grader.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the exercise a hidden test class grades: the student's class, whose source file is the
 * file the student submits. Example: {@code @Grades(Adam.class)} grades {@code dlkit/optim/Adam.java}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Grades {
    Class<?> value();
}
