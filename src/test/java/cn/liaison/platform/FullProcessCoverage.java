package cn.liaison.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The tests of the class together must walk every flow node and sequence flow of the processes they run
 * (target/process-test-coverage has the report); processes named in {@link #excluding()} are not counted.
 * Classes without it get a report and no assertion.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface FullProcessCoverage {

  /** Process definition keys that other test classes cover. */
  String[] excluding() default {};
}
