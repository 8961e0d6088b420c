package cn.liaison.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The tests of the class together must walk every flow node and sequence flow of the processes they run
 * (target/process-test-coverage has the report); processes named in {@link #excluding()} are not counted.
 * With {@link PlatformTest}: the classes marked so share a second context, whose engine records coverage.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import({ProcessEngineCoverageConfiguration.class, ProcessCoverage.class})
public @interface FullProcessCoverage {

  /** Process definition keys that other test classes cover. */
  String[] excluding() default {};
}
