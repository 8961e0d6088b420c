package cn.liaison.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The one Spring context of the H2 tests: the whole platform on a random port, the test profile
 * (application-test.yaml holds every setting the tests need), process-test coverage plugged into the engine.
 * Every H2 test class that needs Spring uses this and nothing else (no properties, no @DirtiesContext, no
 * mocked beans), so Spring starts the platform once for the whole suite. Tests sharing it create their own
 * data (unique tickets and codes) and compare counts before and after, never absolute counts.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({ProcessEngineCoverageConfiguration.class, ProcessCoverage.class})
public @interface PlatformTest {}
